package dev.bunting.composition.signin;

import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.argon2.Argon2Parameters;
import dev.bunting.adapter.argon2.Argon2PasswordHasher;
import dev.bunting.adapter.nbvcxz.NbvcxzPasswordStrength;
import dev.bunting.domain.identity.PasswordPolicy;
import dev.bunting.domain.port.PasswordHasher;
import jakarta.inject.Singleton;

/**
 * How passwords are hashed (Argon2id, a native library) and judged (nbvcxz and its dictionaries): for signing in, and
 * for the migration function's first admin.
 */
@Module
public interface PasswordModule {

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
}
