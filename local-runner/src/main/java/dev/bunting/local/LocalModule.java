package dev.bunting.local;

import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.http.ApiSettings;
import dev.bunting.adapter.http.WholeApiModule;
import dev.bunting.adapter.redis.RedisConfigCache;
import dev.bunting.domain.identity.RegistrationPolicy;
import dev.bunting.wiring.ConfigCacheSettings;
import dev.bunting.wiring.KeyRateLimit;
import dev.bunting.wiring.KeyRateLimitModule;
import dev.bunting.wiring.SignInLimits;
import dev.bunting.wiring.SignInModule;

/** The local runner's own bindings, on top of those every runtime shares. */
@Module(includes = {SignInModule.class, KeyRateLimitModule.class, WholeApiModule.class})
interface LocalModule {

    /** Undertow holds event streams open (see UndertowTransport); nothing in front answers CORS. */
    @Provides
    static ApiSettings apiSettings(RunnerSettings settings) {
        return new ApiSettings(settings.maxBodyBytes(), true, settings.edge().corsOrigins());
    }

    @Provides
    static RegistrationPolicy registration(RunnerSettings settings) {
        return settings.registration();
    }

    @Provides
    static SignInLimits signInLimits(RunnerSettings settings) {
        return settings.signInLimits();
    }

    @Provides
    static KeyRateLimit keyRateLimit(RunnerSettings settings) {
        return settings.keyRateLimit();
    }

    @Provides
    static ConfigCacheSettings configCacheSettings(RunnerSettings settings) {
        return settings.configCache();
    }

    /**
     * The runner lives long enough to hold a subscription open, so evaluations (served on Undertow's I/O threads) never
     * wait on Redis while it answers.
     */
    @Provides
    static RedisConfigCache.Freshness freshness() {
        return RedisConfigCache.Freshness.SUBSCRIBE;
    }
}
