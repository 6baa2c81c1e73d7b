package dev.bunting.composition;

import dagger.Module;
import dagger.Provides;
import dev.bunting.domain.identity.RegistrationPolicy;

/** The parts of a runtime's settings that the shared bindings read; the runtime binds its {@link RuntimeSettings}. */
@Module
public interface SettingsModule {

    @Provides
    static RegistrationPolicy registration(RuntimeSettings settings) {
        return settings.registration();
    }

    @Provides
    static SignInLimits signInLimits(RuntimeSettings settings) {
        return settings.signInLimits();
    }

    @Provides
    static KeyRateLimit keyRateLimit(RuntimeSettings settings) {
        return settings.keyRateLimit();
    }

    @Provides
    static ConfigCacheSettings configCacheSettings(RuntimeSettings settings) {
        return settings.configCache();
    }

    @Provides
    static MeasurementSettings measurementSettings(RuntimeSettings settings) {
        return settings.measurement();
    }
}
