package dev.bunting.composition.signin;

import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.jwt.JwtTokenIssuer;
import dev.bunting.composition.CoreModule;
import dev.bunting.composition.SecretBound;
import dev.bunting.composition.SharedState;
import dev.bunting.composition.SignInLimits;
import dev.bunting.composition.SigningSecret;
import dev.bunting.composition.TokenSettings;
import dev.bunting.domain.port.IdGenerator;
import dev.bunting.domain.port.SignInThrottle;
import dev.bunting.domain.port.TokenIssuer;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * What accounts and signing in take on top of {@link CoreModule}: passwords ({@link PasswordModule}), issuing tokens
 * and counting failed sign-ins. A runtime that only evaluates leaves this module out, and with it those libraries.
 */
@Module(includes = {CoreModule.class, PasswordModule.class})
public interface SignInModule {

    /** Per account and per address, where {@link SharedState} says ({@link SignInLimits#STANDARD} unless configured). */
    @Provides
    @Singleton
    static SignInThrottle signInThrottle(SharedState shared, Clock clock, SignInLimits limits) {
        return shared.signInThrottle(clock, limits);
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
