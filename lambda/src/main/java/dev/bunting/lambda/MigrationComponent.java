package dev.bunting.lambda;

import dagger.BindsInstance;
import dagger.Component;
import dev.bunting.application.identity.BootstrapAdmin;
import dev.bunting.composition.TimeAndIdsModule;
import dev.bunting.composition.signin.PasswordModule;
import dev.bunting.domain.port.Store;
import jakarta.inject.Singleton;

/** The migration function's object graph: creating the first admin, after Flyway has brought the schema up to date. */
@Singleton
@Component(modules = {TimeAndIdsModule.class, PasswordModule.class})
interface MigrationComponent {

    BootstrapAdmin bootstrapAdmin();

    @Component.Factory
    interface Factory {
        MigrationComponent create(@BindsInstance Store store);
    }
}
