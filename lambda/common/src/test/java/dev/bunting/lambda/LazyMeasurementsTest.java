package dev.bunting.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.EvaluationCount;
import dev.bunting.domain.experiment.EventBatch;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.experiment.MeasurementFreshness;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.PhaseUnits;
import dev.bunting.domain.experiment.TimeBucket;
import dev.bunting.domain.experiment.TrackedEvent;
import dev.bunting.domain.experiment.UnitId;
import dev.bunting.domain.experiment.VariantCount;
import dev.bunting.domain.experiment.statistics.VariantSample;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.ExperimentMeasurements;
import dev.bunting.domain.port.MeasurementHistory;
import dev.bunting.domain.port.MeasurementLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LazyMeasurementsTest {

    private final List<String> calls = new ArrayList<>();
    private int connections;

    /** Records each call, so the test sees what reached the store and when the store was first asked for. */
    private final class Store implements MeasurementLog, ExperimentMeasurements, MeasurementHistory {
        @Override
        public void recordExposures(List<ExperimentExposure> exposures) {
            calls.add("exposures " + exposures.size());
        }

        @Override
        public boolean absorbs(ExperimentRun run, UnitId unit, VariantKey variant, Instant at) {
            calls.add("absorbs " + unit);
            return true;
        }

        @Override
        public boolean recordBatch(EventBatch batch, List<TrackedEvent> events, List<ExperimentExposure> exposures) {
            calls.add("batch " + batch.sender());
            return true;
        }

        @Override
        public void addEvaluationCounts(List<EvaluationCount> counts) {
            calls.add("counts " + counts.size());
        }

        @Override
        public PhaseUnits units(Experiment experiment, int phase) {
            calls.add("units " + phase);
            return new PhaseUnits(Map.of(), 0);
        }

        @Override
        public Map<VariantKey, VariantSample> samples(Experiment experiment, int phase, Metric metric) {
            calls.add("moments " + phase);
            return Map.of();
        }

        @Override
        public void refresh(Experiment experiment) {
            calls.add("refresh");
        }

        @Override
        public MeasurementFreshness freshness(Experiment experiment) {
            calls.add("freshness");
            return new MeasurementFreshness(Optional.empty(), false);
        }

        @Override
        public List<VariantCount> evaluations(
                EnvironmentKey environment, FlagKey flag, Instant from, Instant to, TimeBucket bucket) {
            calls.add("evaluations " + bucket);
            return List.of();
        }

        @Override
        public List<VariantCount> firstExposuresPerDay(ExperimentKey experiment, int phase) {
            calls.add("first exposures " + phase);
            return List.of();
        }
    }

    private final Store store = new Store();
    private final LazyMeasurements measurements =
            new LazyMeasurements(this::connect, this::ifConnected, this::connect, this::connect);

    private Store connect() {
        connections++;
        return store;
    }

    private Optional<Store> ifConnected() {
        return connections > 0 ? Optional.of(store) : Optional.empty();
    }

    @Test
    void an_exposure_is_absorbed_only_by_a_connected_store_and_asking_never_connects() {
        ExperimentRun run = new ExperimentRun(new ExperimentKey("checkout-test"), 1);
        Instant at = Instant.parse("2026-12-01T10:00:00Z");

        assertThat(measurements.absorbs(run, new UnitId("u-1"), VariantKey.TRUE, at))
                .isFalse();
        assertThat(connections).isZero();

        measurements.recordExposures(List.of());

        assertThat(measurements.absorbs(run, new UnitId("u-1"), VariantKey.TRUE, at))
                .isTrue();
        assertThat(calls).containsExactly("exposures 0", "absorbs u-1");
    }

    @Test
    void nothing_is_reached_until_measurement_is_first_used() {
        assertThat(connections).isZero();

        measurements.recordExposures(List.of());

        assertThat(connections).isEqualTo(1);
    }

    @Test
    void every_write_and_read_goes_to_the_store() {
        measurements.recordExposures(List.of());
        assertThat(measurements.recordBatch(new EventBatch("key:staging", Optional.empty()), List.of(), List.of()))
                .isTrue();
        measurements.addEvaluationCounts(List.of());
        measurements.units(null, 1);
        measurements.samples(null, 2, null);
        measurements.refresh(null);
        measurements.freshness(null);
        measurements.evaluations(null, null, null, null, TimeBucket.DAY);
        measurements.firstExposuresPerDay(null, 3);

        assertThat(calls)
                .containsExactly(
                        "exposures 0",
                        "batch key:staging",
                        "counts 0",
                        "units 1",
                        "moments 2",
                        "refresh",
                        "freshness",
                        "evaluations DAY",
                        "first exposures 3");
    }
}
