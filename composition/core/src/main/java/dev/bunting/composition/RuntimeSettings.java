package dev.bunting.composition;

import dev.bunting.domain.identity.RegistrationPolicy;

/**
 * The settings every runtime reads from its environment in its own way and the shared bindings need: each runtime's
 * settings record implements this, and {@link SettingsModule} hands the parts to the graph.
 */
public interface RuntimeSettings {

    /** Who may open an account (BUNTING_REGISTRATION). */
    RegistrationPolicy registration();

    SignInLimits signInLimits();

    KeyRateLimit keyRateLimit();

    ConfigCacheSettings configCache();

    /** How measurement is buffered and how long its raw data is kept, as suits how the runtime runs. */
    MeasurementSettings measurement();
}
