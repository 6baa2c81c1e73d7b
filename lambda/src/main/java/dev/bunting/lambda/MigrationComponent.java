package dev.bunting.lambda;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import dev.bunting.adapter.argon2.Argon2Parameters;
import dev.bunting.adapter.argon2.Argon2PasswordHasher;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.adapter.nbvcxz.NbvcxzPasswordStrength;
import dev.bunting.application.identity.BootstrapAdmin;
import dev.bunting.domain.identity.PasswordPolicy;
import dev.bunting.domain.port.IdGenerator;
import dev.bunting.domain.port.PasswordHasher;
import dev.bunting.domain.port.Store;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The migration function's object graph: creating the first admin, after Flyway has brought the schema up to date. */
@Singleton
@Component(modules = MigrationComponent.Bindings.class)
interface MigrationComponent {

    BootstrapAdmin bootstrapAdmin();

    @Component.Factory
    interface Factory {
        MigrationComponent create(@BindsInstance Store store);
    }

    @Module
    interface Bindings {
        @Provides
        static Clock clock() {
            return Clock.systemUTC();
        }

        @Provides
        static IdGenerator ids() {
            return new RandomIdGenerator();
        }

        @Provides
        static PasswordHasher hasher() {
            return new Argon2PasswordHasher(Argon2Parameters.OWASP);
        }

        @Provides
        static PasswordPolicy policy() {
            return new PasswordPolicy(new NbvcxzPasswordStrength());
        }
    }
}
