package dev.bunting.lambda;

import dev.bunting.composition.EnvironmentVariables;
import dev.bunting.composition.MeasurementSettings;
import dev.bunting.domain.identity.Email;
import java.util.Map;
import java.util.Optional;

/**
 * The migration function's configuration: the database, the first admin to create while there are no users, and how
 * long its daily upkeep keeps raw measurement data.
 *
 * @param firstAdmin       BUNTING_ADMIN_EMAIL with BUNTING_ADMIN_PASSWORD_ARN (or BUNTING_ADMIN_PASSWORD, for
 *                         development)
 * @param rawRetentionDays BUNTING_RAW_RETENTION_DAYS (90), read and checked as every runtime reads it
 */
record MigrationSettings(DatabaseSettings database, Optional<FirstAdmin> firstAdmin, int rawRetentionDays) {

    static final String ADMIN_EMAIL = "BUNTING_ADMIN_EMAIL";
    static final String ADMIN_PASSWORD = "BUNTING_ADMIN_PASSWORD";

    record FirstAdmin(Email email, StoredSecret password) {}

    static MigrationSettings fromEnvironment(Map<String, String> variables) {
        EnvironmentVariables environment = new EnvironmentVariables(variables);
        String email = environment.text(ADMIN_EMAIL);
        Optional<StoredSecret> password = StoredSecret.fromEnvironment(environment, ADMIN_PASSWORD);
        if ((email == null) != password.isEmpty()) {
            throw new IllegalStateException(
                    "a first admin needs both " + ADMIN_EMAIL + " and " + ADMIN_PASSWORD + "_ARN; set both or neither");
        }
        return new MigrationSettings(
                DatabaseSettings.fromEnvironment(environment),
                Optional.ofNullable(email).map(address -> new FirstAdmin(new Email(address), password.orElseThrow())),
                MeasurementSettings.forFrozenRuntime(environment).retentionDays());
    }
}
