package dev.bunting.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.experiment.EvaluationCount;
import dev.bunting.domain.experiment.EventName;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.Exposure;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.MetricKey;
import dev.bunting.domain.experiment.MetricRole;
import dev.bunting.domain.experiment.TimeBucket;
import dev.bunting.domain.experiment.UnitId;
import dev.bunting.domain.experiment.VariantCount;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The definition of {@link MeasurementHistory}: counts per variant and bucket, oldest first, over what
 * {@link MeasurementLog} stored. Every store adapter extends this suite; each test uses flag and experiment keys of its
 * own, so tests sharing a store do not see each other's counts.
 */
public abstract class MeasurementHistoryContract {

    private static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");
    private static final VariantKey ON = new VariantKey("on");
    private static final VariantKey OFF = new VariantKey("off");

    /** Both sides of measurement over one store; implementations share their state. */
    protected abstract MeasurementLog log();

    protected abstract MeasurementHistory history();

    /** Keeps the experiment where the store's experiments are, as creating and starting it would. */
    protected abstract void stored(Experiment experiment);

    private final String run = "h" + Long.toHexString(System.nanoTime());
    private final FlagKey flag = new FlagKey(run);

    private EvaluationCount counted(EnvironmentKey environment, VariantKey variant, Instant minute, long count) {
        return new EvaluationCount(environment, flag, variant, minute, count);
    }

    @Test
    void evaluations_in_the_same_hour_add_up_per_variant_oldest_first() {
        log().addEvaluationCounts(List.of(
                counted(EnvironmentKey.PRODUCTION, ON, NOON, 3),
                counted(EnvironmentKey.PRODUCTION, ON, NOON.plusSeconds(59 * 60), 4),
                counted(EnvironmentKey.PRODUCTION, OFF, NOON.plusSeconds(60), 2),
                counted(EnvironmentKey.PRODUCTION, ON, NOON.plusSeconds(3_600), 1)));
        log().addEvaluationCounts(List.of(counted(EnvironmentKey.PRODUCTION, OFF, NOON.plusSeconds(60), 5)));

        List<VariantCount> hourly = history()
                .evaluations(EnvironmentKey.PRODUCTION, flag, NOON, NOON.plus(Duration.ofHours(2)), TimeBucket.HOUR);

        assertThat(hourly)
                .containsExactly(
                        new VariantCount(OFF, NOON, 7),
                        new VariantCount(ON, NOON, 7),
                        new VariantCount(ON, NOON.plusSeconds(3_600), 1));
    }

    @Test
    void evaluations_outside_the_range_or_of_another_environment_are_not_counted() {
        log().addEvaluationCounts(List.of(
                counted(EnvironmentKey.PRODUCTION, ON, NOON.minusSeconds(60), 9),
                counted(EnvironmentKey.PRODUCTION, ON, NOON, 1),
                counted(EnvironmentKey.PRODUCTION, ON, NOON.plusSeconds(600), 9),
                counted(EnvironmentKey.STAGING, ON, NOON, 9)));

        List<VariantCount> perMinute =
                history().evaluations(EnvironmentKey.PRODUCTION, flag, NOON, NOON.plusSeconds(600), TimeBucket.MINUTE);

        assertThat(perMinute).containsExactly(new VariantCount(ON, NOON, 1));
    }

    @Test
    void evaluations_per_day_start_at_midnight_utc() {
        log().addEvaluationCounts(List.of(
                counted(EnvironmentKey.PRODUCTION, ON, NOON, 2),
                counted(EnvironmentKey.PRODUCTION, ON, NOON.plus(Duration.ofHours(11)), 3)));

        List<VariantCount> daily = history()
                .evaluations(
                        EnvironmentKey.PRODUCTION,
                        flag,
                        NOON.minus(Duration.ofDays(1)),
                        NOON.plus(Duration.ofDays(1)),
                        TimeBucket.DAY);

        assertThat(daily).containsExactly(new VariantCount(ON, Instant.parse("2026-12-01T00:00:00Z"), 5));
    }

    @Test
    void units_first_exposed_are_counted_per_day_and_variant_without_those_that_saw_several() {
        Experiment experiment = Experiment.draft(
                        new ExperimentKey(run),
                        "History",
                        "",
                        flag,
                        EnvironmentKey.PRODUCTION,
                        OFF,
                        List.of(new Metric(
                                new MetricKey("converted"),
                                new EventName("purchase"),
                                MetricType.BINOMIAL,
                                MetricRole.PRIMARY,
                                Duration.ofHours(24))),
                        NOON)
                .start(new Split(List.of(new Split.Weight(OFF, 5_000), new Split.Weight(ON, 5_000))), NOON);
        stored(experiment);
        Instant nextDay = NOON.plus(Duration.ofDays(1));
        log().recordExposures(List.of(
                exposure(1, "a", OFF, NOON),
                exposure(1, "a", OFF, nextDay), // seen again: still first exposed on the first day
                exposure(1, "b", ON, NOON),
                exposure(1, "c", ON, nextDay),
                exposure(1, "d", ON, nextDay),
                exposure(1, "e", ON, NOON),
                exposure(1, "e", OFF, NOON.plusSeconds(1)), // saw both variants
                exposure(2, "f", ON, NOON))); // another phase

        assertThat(history().firstExposuresPerDay(experiment.key(), 1))
                .containsExactly(
                        new VariantCount(OFF, Instant.parse("2026-12-01T00:00:00Z"), 1),
                        new VariantCount(ON, Instant.parse("2026-12-01T00:00:00Z"), 1),
                        new VariantCount(ON, Instant.parse("2026-12-02T00:00:00Z"), 2));
    }

    private ExperimentExposure exposure(int phase, String unit, VariantKey variant, Instant at) {
        return new ExperimentExposure(
                new ExperimentKey(run),
                phase,
                new Exposure(
                        EnvironmentKey.PRODUCTION,
                        flag,
                        1,
                        variant,
                        new UnitId(unit),
                        at,
                        Reason.SPLIT,
                        Optional.empty()));
    }
}
