package dev.bunting.composition;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.domain.identity.RegistrationPolicy;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.RateLimiter;
import dev.bunting.domain.port.TokenVerifier;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shared bindings, built as a runtime builds them: from its settings, its shared state and its signing secret. */
class CoreModuleTest {

    @Singleton
    @Component(modules = {CoreModule.class, KeyRateLimitModule.class})
    interface Graph {
        ConfigCache configCache();

        RateLimiter keyRateLimiter();

        TokenVerifier tokenVerifier();

        RegistrationPolicy registration();

        Clock clock();

        @Component.Factory
        interface Factory {
            Graph create(
                    @BindsInstance RuntimeSettings settings,
                    @BindsInstance SharedState shared,
                    @BindsInstance SigningSecret secret);
        }
    }

    private record Settings(
            RegistrationPolicy registration,
            SignInLimits signInLimits,
            KeyRateLimit keyRateLimit,
            ConfigCacheSettings configCache,
            MeasurementSettings measurement)
            implements RuntimeSettings {}

    private final Graph graph = DaggerCoreModuleTest_Graph.factory()
            .create(
                    new Settings(
                            RegistrationPolicy.OPEN,
                            SignInLimits.STANDARD,
                            KeyRateLimit.OFF,
                            ConfigCacheSettings.STANDARD,
                            MeasurementSettings.forServer(new EnvironmentVariables(Map.of()))),
                    SharedState.checkingEachGet(Optional.empty()),
                    () -> "a signing secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8));

    @Test
    void the_graph_takes_the_runtime_settings_and_shared_state_it_is_given() {
        assertThat(graph.registration()).isEqualTo(RegistrationPolicy.OPEN);
        assertThat(graph.keyRateLimiter()).isSameAs(RateLimiter.UNLIMITED);
        assertThat(graph.configCache()).isInstanceOf(InProcessConfigCache.class).isSameAs(graph.configCache());
    }

    @Test
    void the_clock_keeps_no_finer_than_microseconds_as_postgresql_does() {
        Instant now = graph.clock().instant();

        assertThat(now.getNano() % 1_000).isZero();
    }

    @Test
    void tokens_that_were_not_signed_with_the_secret_are_refused() {
        assertThat(graph.tokenVerifier().verify("not.a.token")).isEmpty();
    }
}
