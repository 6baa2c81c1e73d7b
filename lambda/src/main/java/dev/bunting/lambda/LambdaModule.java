package dev.bunting.lambda;

import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.http.ApiSettings;
import dev.bunting.adapter.http.RequestLog;
import dev.bunting.adapter.redis.RedisConfigCache;
import dev.bunting.domain.identity.RegistrationPolicy;
import dev.bunting.wiring.ConfigCacheSettings;
import dev.bunting.wiring.CoreModule;
import dev.bunting.wiring.KeyRateLimit;
import dev.bunting.wiring.SignInLimits;
import jakarta.inject.Singleton;

/** What every API function binds, on top of what every runtime shares. */
@Module(includes = CoreModule.class)
interface LambdaModule {

    /** A Lambda function answers each request once, through API Gateway: it cannot hold an event stream open. */
    @Provides
    static ApiSettings apiSettings(LambdaSettings settings) {
        return new ApiSettings(settings.maxBodyBytes(), false);
    }

    /** Lambda deployments register through BUNTING_REGISTRATION like the local runner; open unless configured. */
    @Provides
    static RegistrationPolicy registration(LambdaSettings settings) {
        return settings.registration();
    }

    /** Counted in Redis when there is one, else per execution environment. */
    @Provides
    static SignInLimits signInLimits(LambdaSettings settings) {
        return settings.signInLimits();
    }

    @Provides
    static KeyRateLimit keyRateLimit(LambdaSettings settings) {
        return settings.keyRateLimit();
    }

    @Provides
    static ConfigCacheSettings configCacheSettings(LambdaSettings settings) {
        return settings.configCache();
    }

    /**
     * An execution environment is frozen between requests, so it can hold no subscription: each evaluation compares its
     * copy's versions with Redis's instead, one round trip.
     */
    @Provides
    static RedisConfigCache.Freshness freshness() {
        return RedisConfigCache.Freshness.CHECK_EACH_GET;
    }

    /** Lambda sends each line on standard output to CloudWatch Logs as one event, so no buffering here. */
    @Provides
    @Singleton
    static RequestLog requestLog() {
        return entry -> System.out.println(entry.toJsonLine());
    }
}
