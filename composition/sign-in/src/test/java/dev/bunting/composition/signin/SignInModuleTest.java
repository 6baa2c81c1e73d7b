package dev.bunting.composition.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import dev.bunting.adapter.argon2.Argon2PasswordHasher;
import dev.bunting.adapter.memory.InProcessSignInThrottle;
import dev.bunting.composition.ConfigCacheSettings;
import dev.bunting.composition.EnvironmentVariables;
import dev.bunting.composition.KeyRateLimit;
import dev.bunting.composition.MeasurementSettings;
import dev.bunting.composition.RuntimeSettings;
import dev.bunting.composition.SharedState;
import dev.bunting.composition.SignInLimits;
import dev.bunting.composition.SigningSecret;
import dev.bunting.domain.identity.PasswordPolicy;
import dev.bunting.domain.identity.RegistrationPolicy;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.port.PasswordHasher;
import dev.bunting.domain.port.SignInThrottle;
import dev.bunting.domain.port.TokenIssuer;
import dev.bunting.domain.port.TokenVerifier;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Signing in's bindings, built as the management function and the local runner build them. */
class SignInModuleTest {

    @Singleton
    @Component(modules = SignInModule.class)
    interface Graph {
        TokenIssuer issuer();

        TokenVerifier verifier();

        SignInThrottle throttle();

        PasswordHasher hasher();

        PasswordPolicy policy();

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

    private final AtomicReference<String> secret = new AtomicReference<>("the first secret, thirty-two bytes or more");
    private final Graph graph = DaggerSignInModuleTest_Graph.factory()
            .create(
                    new Settings(
                            RegistrationPolicy.OPEN,
                            SignInLimits.STANDARD,
                            KeyRateLimit.OFF,
                            ConfigCacheSettings.STANDARD,
                            MeasurementSettings.forServer(new EnvironmentVariables(Map.of()))),
                    SharedState.checkingEachGet(Optional.empty()),
                    () -> secret.get().getBytes(StandardCharsets.UTF_8));

    @Test
    void a_token_issued_with_the_secret_verifies_until_the_secret_is_rotated() {
        UserId user = new UserId("user-1");
        String token = graph.issuer().issue(user, Role.DEVELOPER, Instant.EPOCH).token();

        assertThat(graph.verifier().verify(token)).hasValueSatisfying(verified -> {
            assertThat(verified.user()).isEqualTo(user);
            assertThat(verified.role()).isEqualTo(Role.DEVELOPER);
        });
        secret.set("a rotated secret, also thirty-two bytes or more");
        assertThat(graph.verifier().verify(token)).isEmpty();
    }

    @Test
    void passwords_are_hashed_with_argon2_and_failures_counted_where_the_shared_state_says() {
        assertThat(graph.hasher()).isInstanceOf(Argon2PasswordHasher.class);
        assertThat(graph.policy()).isNotNull();
        assertThat(graph.throttle()).isInstanceOf(InProcessSignInThrottle.class);
    }
}
