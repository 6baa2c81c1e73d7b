package dev.bunting.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.bunting.adapter.postgres.DatabaseLogins;
import dev.bunting.adapter.postgres.PostgresStore;
import dev.bunting.adapter.postgres.RawDataUpkeep;
import dev.bunting.adapter.postgres.RollupUpkeep;
import dev.bunting.adapter.postgres.SignInPerConnection;
import dev.bunting.adapter.postgres.UpkeepDeadline;
import dev.bunting.adapter.postgres.migrations.PostgresSchema;
import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import dev.bunting.application.identity.BootstrapAdmin;
import java.time.Clock;
import java.time.Duration;
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
 * configured}, and {@code partitions_until}, the last day whose raw measurement partitions are made. A migration makes
 * those partitions, so a new deploy has today's before its API functions serve, and nothing slower: refreshing rollups
 * and dropping raw days are left to the schedules, so a backlog of them can never make a deploy fail.
 *
 * <p>Its daily schedule in template.yaml sends {@code {"upkeep": "raw-data"}}: then it only keeps the raw measurement
 * tables (makes the coming days' partitions, refreshes stale rollups, drops the days past retention), which needs the
 * schema owner's login that migrations run as. It answers {@code raw_days_dropped} and {@code rollups_left_stale}.
 *
 * <p>A second schedule sends {@code {"upkeep": "rollups"}} every few minutes: then it recomputes the experiments'
 * stale rollups, so that a results read, which leaves a large recompute to a refresh like this one, answers exactly
 * soon after. It answers {@code rollups_refreshed} and {@code rollups_left_stale}.
 *
 * <p>Both kinds of upkeep stop starting experiments' refreshes once less than {@link #UPKEEP_MARGIN} of the
 * invocation's time remains: the refresh under way finishes within the function's timeout, and the experiments left
 * keep their stale marks for the next run. Retention drops no raw day while a rollup is left stale.
 */
public final class MigrationHandler implements RequestHandler<Map<String, Object>, Map<String, String>> {

    private static final Logger LOG = Logger.getLogger(MigrationHandler.class.getName());

    /**
     * The time an invocation keeps for the experiment's refresh under way when upkeep stops starting others: a refresh
     * of a million units takes tens of seconds (docs/experiments.md, Measured).
     */
    static final Duration UPKEEP_MARGIN = Duration.ofSeconds(60);

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
            return keepRawData(deadline(context));
        }
        if (event != null && "rollups".equals(event.get("upkeep"))) {
            return refreshRollups(deadline(context));
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
        outcome.put("partitions_until", makePartitionsAhead().toString());
        return outcome;
    }

    /** Upkeep starts nothing new once only {@link #UPKEEP_MARGIN} of the invocation's time is left. */
    private static UpkeepDeadline deadline(Context context) {
        return UpkeepDeadline.after(
                Duration.ofMillis(context.getRemainingTimeInMillis()).minus(UPKEEP_MARGIN), Clock.systemUTC());
    }

    /** The connection is closed afterwards, as the first admin's is. */
    private LocalDate makePartitionsAhead() {
        try {
            return store.connected().measurements().makePartitionsAhead(LocalDate.now(ZoneOffset.UTC));
        } finally {
            store.disconnect();
        }
    }

    /** @return the days dropped, comma-separated, and how many experiments' rollups are still stale */
    private Map<String, String> keepRawData(UpkeepDeadline deadline) {
        try {
            RawDataUpkeep upkeep = store.connected()
                    .measurements()
                    .keepRawData(LocalDate.now(ZoneOffset.UTC), settings.rawRetentionDays(), deadline);
            warnIfLeft(upkeep.rollups());
            return Map.of(
                    "raw_days_dropped",
                    upkeep.dropped().stream().map(LocalDate::toString).collect(Collectors.joining(",")),
                    "rollups_left_stale",
                    String.valueOf(upkeep.rollups().leftStale()));
        } finally {
            store.disconnect();
        }
    }

    /** @return how many experiments' rollups were refreshed, and how many are still stale */
    private Map<String, String> refreshRollups(UpkeepDeadline deadline) {
        try {
            RollupUpkeep upkeep = store.connected().measurements().refreshStaleRollups(deadline);
            warnIfLeft(upkeep);
            return Map.of(
                    "rollups_refreshed",
                    String.valueOf(upkeep.refreshed()),
                    "rollups_left_stale",
                    String.valueOf(upkeep.leftStale()));
        } finally {
            store.disconnect();
        }
    }

    private static void warnIfLeft(RollupUpkeep upkeep) {
        if (upkeep.leftStale() > 0) {
            LOG.warning(
                    upkeep.leftStale() + " experiments' rollups are left stale for the next run, which keeps the raw"
                            + " days past retention until none is; " + upkeep.refreshed()
                            + " were refreshed before the deadline");
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
