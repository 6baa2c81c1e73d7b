package dev.bunting.wiring;

import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.argon2.Argon2Parameters;
import dev.bunting.adapter.argon2.Argon2PasswordHasher;
import dev.bunting.adapter.jwt.JwtTokenIssuer;
import dev.bunting.adapter.memory.InProcessSignInThrottle;
import dev.bunting.adapter.nbvcxz.NbvcxzPasswordStrength;
import dev.bunting.adapter.redis.RedisCalls;
import dev.bunting.adapter.redis.RedisSignInThrottle;
import dev.bunting.domain.identity.PasswordPolicy;
import dev.bunting.domain.port.IdGenerator;
import dev.bunting.domain.port.PasswordHasher;
import dev.bunting.domain.port.SignInThrottle;
import dev.bunting.domain.port.TokenIssuer;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * What accounts and signing in take on top of {@link CoreModule}: password hashing (Argon2id, a native library),
 * password strength (nbvcxz and its dictionaries), issuing tokens and counting failed sign-ins. A runtime that only evaluates leaves this module out, and with it those
 * libraries.
 */
@Module(includes = CoreModule.class)
public interface SignInModule {

    @Provides
    @Singleton
    static PasswordHasher passwordHasher() {
        return new Argon2PasswordHasher(Argon2Parameters.OWASP);
    }

    @Provides
    @Singleton
    static PasswordPolicy passwordPolicy() {
        return new PasswordPolicy(new NbvcxzPasswordStrength());
    }

    /**
     * The runtime provides the limits, per account and per address ({@link SignInLimits#STANDARD} unless configured).
     * Counted in Redis when the runtime binds a connection (BUNTING_REDIS_URL), so that every instance sees the same
     * counts; otherwise in this process.
     */
    @Provides
    @Singleton
    static SignInThrottle signInThrottle(Clock clock, SignInLimits limits, Optional<RedisCalls> redis) {
        return redis.<SignInThrottle>map(
                        connection -> new RedisSignInThrottle(connection, clock, limits.maxFailures(), limits.window()))
                .orElseGet(() -> new InProcessSignInThrottle(clock, limits.maxFailures(), limits.window()));
    }

    /** Signs with the secret as it is now, so tokens issued after a rotation verify on every runtime that has it. */
    @Provides
    @Singleton
    static TokenIssuer tokenIssuer(SigningSecret secret, Clock clock, IdGenerator ids) {
        SecretBound<JwtTokenIssuer> issuers =
                new SecretBound<>(secret, bytes -> new JwtTokenIssuer(TokenSettings.of(bytes), clock, ids));
        return (user, role, credentialsChangedAt) -> issuers.get().issue(user, role, credentialsChangedAt);
    }
}
