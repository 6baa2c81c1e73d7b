package dev.bunting.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.bunting.adapter.postgres.DatabaseLogins;
import dev.bunting.adapter.postgres.PostgresStore;
import dev.bunting.adapter.postgres.SignInPerConnection;
import dev.bunting.adapter.postgres.migrations.PostgresSchema;
import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import dev.bunting.application.identity.BootstrapAdmin;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The migration function: brings the schema up to date with Flyway, then creates the first admin if one is configured
 * and there are no users. CloudFormation invokes it as a custom resource on each deploy that changes it, before the API
 * functions change; it can also be invoked directly ({@code sam remote invoke}), with any event.
 *
 * <p>It answers with what it did: {@code applied}, the migration versions applied now (none when the schema was
 * current), {@code first_admin}: {@code created}, {@code exists} (there were users already) or {@code not
 * configured}, and {@code raw_days_dropped}.
 *
 * <p>Its daily schedule in template.yaml sends {@code {"upkeep": "raw-data"}}: then it only keeps the raw measurement
 * tables (drops the days past retention, makes the coming days' partitions), which needs the schema owner's login that
 * migrations run as. Every migration does the same upkeep, so a new deploy has today's partitions before its API
 * functions serve.
 *
 * <p>A second schedule sends {@code {"upkeep": "rollups"}} every few minutes: then it recomputes the experiments'
 * stale rollups, so that a results read, which leaves a large recompute to a refresh like this one, answers exactly
 * soon after. It answers {@code rollups_refreshed}, how many experiments were stale.
 */
public final class MigrationHandler implements RequestHandler<Map<String, Object>, Map<String, String>> {

    private static final Logger LOG = Logger.getLogger(MigrationHandler.class.getName());

    static {
        LambdaLogging.install();
    }

    private final MigrationSettings settings;
    private final Supplier<SecretsManagerSecrets> secrets;
    private final DatabaseLogins logins;
    private final LazyStore<PostgresStore> store;
    private final BootstrapAdmin bootstrapAdmin;

    /** Called by the Lambda runtime. */
    public MigrationHandler() {
        this(MigrationSettings.fromEnvironment(System.getenv()), Secrets.fromProcessEnvironment());
    }

    /**
     * Builds the graph once per execution environment; the store connects only while a first admin is being made or
     * the raw tables are kept.
     */
    MigrationHandler(MigrationSettings settings, Supplier<SecretsManagerSecrets> secrets) {
        this.settings = settings;
        this.secrets = secrets;
        this.logins = settings.database().logins(secrets);
        this.store =
                new LazyStore<>(() -> PostgresStore.open(settings.database().jdbcUrl(), logins, 1));
        this.bootstrapAdmin = DaggerMigrationComponent.factory().create(store).bootstrapAdmin();
    }

    @Override
    public Map<String, String> handleRequest(Map<String, Object> event, Context context) {
        if (event != null && "raw-data".equals(event.get("upkeep"))) {
            return Map.of("raw_days_dropped", keepRawData());
        }
        if (event != null && "rollups".equals(event.get("upkeep"))) {
            return Map.of("rollups_refreshed", refreshRollups());
        }
        Optional<CloudFormationRequest> request = CloudFormationRequest.from(event);
        if (request.isEmpty()) {
            return migrate();
        }
        CloudFormationRequest cloudFormation = request.get();
        if (cloudFormation.isDelete()) {
            // deleting the stack keeps the database, and its schema with it
            cloudFormation.succeed(Map.of());
            return Map.of();
        }
        Map<String, String> outcome;
        try {
            outcome = migrate();
        } catch (RuntimeException e) {
            // answered rather than thrown: a thrown error makes Lambda invoke again, and CloudFormation has its answer
            LOG.log(Level.SEVERE, "the migration failed", e);
            cloudFormation.fail("the migration failed: " + describe(e));
            return Map.of("error", describe(e));
        }
        cloudFormation.succeed(outcome);
        return outcome;
    }

    private Map<String, String> migrate() {
        List<String> applied = PostgresSchema.migrate(
                new SignInPerConnection(settings.database().jdbcUrl(), logins));
        Map<String, String> outcome = new LinkedHashMap<>();
        outcome.put("applied", String.join(",", applied));
        outcome.put(
                "first_admin", settings.firstAdmin().map(this::createFirstAdmin).orElse("not configured"));
        outcome.put("raw_days_dropped", keepRawData());
        return outcome;
    }

    /** @return the days dropped, comma-separated; the connection is closed afterwards, as the first admin's is */
    private String keepRawData() {
        try {
            List<LocalDate> dropped = store.connected()
                    .measurements()
                    .keepRawData(LocalDate.now(ZoneOffset.UTC), settings.rawRetentionDays());
            return dropped.stream().map(LocalDate::toString).collect(Collectors.joining(","));
        } finally {
            store.disconnect();
        }
    }

    /** @return how many experiments' rollups were stale; the connection is closed afterwards */
    private String refreshRollups() {
        try {
            return String.valueOf(store.connected().measurements().refreshStaleRollups());
        } finally {
            store.disconnect();
        }
    }

    /** Closes its connection afterwards: the function runs once per deploy, and a frozen environment should hold none. */
    private String createFirstAdmin(MigrationSettings.FirstAdmin admin) {
        try {
            return bootstrapAdmin
                            .createIfNoUsers(admin.email(), admin.password().value(secrets))
                            .isPresent()
                    ? "created"
                    : "exists";
        } finally {
            store.disconnect();
        }
    }

    /** The exception and its causes' types and messages, which name no secret: the adapters keep them out. */
    private static String describe(Throwable failure) {
        StringBuilder description = new StringBuilder();
        for (Throwable cause = failure; cause != null && description.length() < 900; cause = cause.getCause()) {
            description
                    .append(description.isEmpty() ? "" : "; caused by ")
                    .append(cause.getClass().getSimpleName())
                    .append(": ")
                    .append(cause.getMessage());
        }
        return description.toString();
    }
}
