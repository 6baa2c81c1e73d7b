package dev.bunting.lambda;

import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.adapter.http.ApiSettings;
import dev.bunting.adapter.http.RequestLog;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.IdGenerator;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Wires the ports to their adapters for the Lambda function. */
@Module
interface LambdaModule {

    @Provides
    @Singleton
    static Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    static Evaluator evaluator() {
        return Evaluators.standard();
    }

    @Provides
    @Singleton
    static ConfigCache configCache() {
        return new InProcessConfigCache();
    }

    /** Draws from the JDK's SecureRandom on each call, which SnapStart reseeds after a restore. */
    @Provides
    @Singleton
    static IdGenerator ids() {
        return new RandomIdGenerator();
    }

    @Provides
    static ApiSettings apiSettings(LambdaSettings settings) {
        return new ApiSettings(settings.maxBodyBytes());
    }

    /** Lambda sends each line on standard output to CloudWatch Logs as one event, so no buffering here. */
    @Provides
    @Singleton
    static RequestLog requestLog() {
        return entry -> System.out.println(entry.toJsonLine());
    }
}
