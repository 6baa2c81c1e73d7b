package dev.bunting.application.flag;

import dev.bunting.application.Outcome;
import dev.bunting.application.identity.Permissions;
import dev.bunting.application.identity.Principal;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.TimeBucket;
import dev.bunting.domain.experiment.VariantCount;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.identity.Action;
import dev.bunting.domain.port.MeasurementHistory;
import dev.bunting.domain.port.Store;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How often a flag was evaluated in an environment, per variant over time: the usage chart on a flag's page. Without a
 * range it reads the last {@link #DEFAULT_BUCKETS} buckets up to the current one, so a chart needs no clock of its own.
 */
public final class ReadEvaluationCounts {

    /** Buckets a range without a start covers: an hour of minutes, a day of hours, a day fewer than a month of days. */
    public static final int DEFAULT_BUCKETS = 30;

    /** At most a day of minutes per answer, so that no range makes an answer unbounded. */
    public static final int MAX_BUCKETS = 1_440;

    private final Store store;
    private final MeasurementHistory history;
    private final Clock clock;

    @Inject
    public ReadEvaluationCounts(Store store, MeasurementHistory history, Clock clock) {
        this.store = store;
        this.history = history;
        this.clock = clock;
    }

    /**
     * @param from the first instant counted, or null for {@link #DEFAULT_BUCKETS} buckets before {@code to}
     * @param to   the instant the range ends before, or null for the end of the current bucket
     */
    public record Query(
            Principal principal,
            FlagKey flag,
            EnvironmentKey environment,
            @Nullable Instant from,
            @Nullable Instant to,
            TimeBucket bucket) {}

    /** The range read, with bucket starts for its ends, and its points oldest first. */
    public record Counts(
            FlagKey flag,
            EnvironmentKey environment,
            TimeBucket bucket,
            Instant from,
            Instant to,
            List<VariantCount> points) {
        public Counts {
            points = List.copyOf(points);
        }
    }

    public Outcome<Counts> read(Query query) {
        Optional<Outcome<Counts>> refused = Permissions.refusal(query.principal(), Action.READ);
        if (refused.isPresent()) {
            return refused.get();
        }
        TimeBucket bucket = query.bucket();
        Instant to =
                query.to() != null ? query.to() : bucket.start(clock.instant()).plus(1, bucket.unit());
        Instant from = query.from() != null ? query.from() : to.minus(DEFAULT_BUCKETS, bucket.unit());
        if (!from.isBefore(to)) {
            throw InvalidInputException.of("from", "invalid_range", "from must be before to");
        }
        if (bucket.start(from).plus(MAX_BUCKETS, bucket.unit()).isBefore(to)) {
            throw InvalidInputException.of(
                    "to",
                    "too_many_buckets",
                    "a range covers at most " + MAX_BUCKETS + " buckets; pick a wider bucket");
        }
        boolean flagExists =
                store.inTransaction(r -> r.flags().find(query.flag()).isPresent());
        if (!flagExists) {
            return Outcome.notFound("flag '" + query.flag() + "'");
        }
        boolean environmentExists = store.inTransaction(
                r -> r.environments().find(query.environment()).isPresent());
        if (!environmentExists) {
            return Outcome.notFound("environment '" + query.environment() + "'");
        }
        return Outcome.done(new Counts(
                query.flag(),
                query.environment(),
                bucket,
                from,
                to,
                history.evaluations(query.environment(), query.flag(), from, to, bucket)));
    }
}
