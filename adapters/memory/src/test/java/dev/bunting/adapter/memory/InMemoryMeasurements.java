package dev.bunting.adapter.memory;

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
import dev.bunting.domain.experiment.statistics.Covariate;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.experiment.statistics.SampleMoments;
import dev.bunting.domain.experiment.statistics.VariantSample;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.ExperimentMeasurements;
import dev.bunting.domain.port.MeasurementHistory;
import dev.bunting.domain.port.MeasurementLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Measurement in memory, with the PostgreSQL adapter's contract: the fake that use-case tests run on. */
public final class InMemoryMeasurements implements MeasurementLog, ExperimentMeasurements, MeasurementHistory {

    private record UnitKey(String experiment, int phase, String unit) {}

    private record First(VariantKey variant, Instant at, boolean multiple) {}

    private record CountKey(EnvironmentKey environment, FlagKey flag, VariantKey variant, Instant minute) {
        String label() {
            return environment + "/" + flag + "/" + variant + "@" + minute;
        }
    }

    private final Map<UnitKey, First> units = new HashMap<>();
    private final List<TrackedEvent> events = new ArrayList<>();
    private final Set<String> batches = new HashSet<>();
    private final Map<CountKey, Long> counts = new HashMap<>();

    @Override
    public synchronized void recordExposures(List<ExperimentExposure> exposures) {
        for (ExperimentExposure e : exposures) {
            UnitKey key = new UnitKey(
                    e.experiment().value(), e.phase(), e.exposure().unit().value());
            First seen = new First(e.exposure().variant(), e.exposure().at(), false);
            units.merge(key, seen, (a, b) -> {
                First earlier = b.at().isBefore(a.at()) ? b : a;
                return new First(
                        earlier.variant(),
                        earlier.at(),
                        a.multiple() || b.multiple() || !a.variant().equals(b.variant()));
            });
        }
    }

    /** It remembers every unit written, so it knows exactly what its stored units absorb. */
    @Override
    public synchronized boolean absorbs(ExperimentRun run, UnitId unit, VariantKey variant, Instant at) {
        First first = units.get(new UnitKey(run.experiment().value(), run.phase(), unit.value()));
        return first != null
                && !first.at().isAfter(at)
                && (first.multiple() || first.variant().equals(variant));
    }

    @Override
    public synchronized boolean recordBatch(
            EventBatch batch, List<TrackedEvent> newEvents, List<ExperimentExposure> exposures) {
        if (batch.idempotencyKey().isPresent()
                && !batches.add(batch.sender() + '\n' + batch.idempotencyKey().get())) {
            return false;
        }
        events.addAll(newEvents);
        recordExposures(exposures);
        return true;
    }

    @Override
    public synchronized void addEvaluationCounts(List<EvaluationCount> newCounts) {
        for (EvaluationCount c : newCounts) {
            counts.merge(new CountKey(c.environment(), c.flag(), c.variant(), c.minute()), c.count(), Long::sum);
        }
    }

    /** The evaluations counted for a flag's variant in a minute, as {@code environment/flag/variant@minute}. */
    public synchronized long evaluations(String environmentFlagVariantAtMinute) {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().label().equals(environmentFlagVariantAtMinute))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    @Override
    public synchronized List<VariantCount> evaluations(
            EnvironmentKey environment, FlagKey flag, Instant from, Instant to, TimeBucket bucket) {
        Map<Point, Long> points = new TreeMap<>(POINT_ORDER);
        counts.forEach((key, count) -> {
            if (key.environment().equals(environment)
                    && key.flag().equals(flag)
                    && !key.minute().isBefore(from)
                    && key.minute().isBefore(to)) {
                points.merge(new Point(bucket.start(key.minute()), key.variant()), count, Long::sum);
            }
        });
        return series(points);
    }

    @Override
    public synchronized List<VariantCount> firstExposuresPerDay(ExperimentKey experiment, int phase) {
        Map<Point, Long> points = new TreeMap<>(POINT_ORDER);
        units.forEach((key, first) -> {
            if (key.experiment().equals(experiment.value()) && key.phase() == phase && !first.multiple()) {
                points.merge(new Point(TimeBucket.DAY.start(first.at()), first.variant()), 1L, Long::sum);
            }
        });
        return series(points);
    }

    private record Point(Instant start, VariantKey variant) {}

    private static final Comparator<Point> POINT_ORDER =
            Comparator.comparing(Point::start).thenComparing(p -> p.variant().value());

    private static List<VariantCount> series(Map<Point, Long> points) {
        return points.entrySet().stream()
                .map(e -> new VariantCount(e.getKey().variant(), e.getKey().start(), e.getValue()))
                .toList();
    }

    /** Its answers are computed from every write when asked: there is nothing to bring up to date. */
    @Override
    public void refresh(Experiment experiment) {}

    /** Its answers are computed from every write when asked: always current. */
    @Override
    public MeasurementFreshness freshness(Experiment experiment) {
        return MeasurementFreshness.current(Instant.now());
    }

    @Override
    public synchronized PhaseUnits units(Experiment experiment, int phase) {
        Map<VariantKey, Long> byVariant = new HashMap<>();
        long multiple = 0;
        for (Map.Entry<UnitKey, First> unit : phaseUnits(experiment, phase).entrySet()) {
            if (unit.getValue().multiple()) {
                multiple++;
            } else {
                byVariant.merge(unit.getValue().variant(), 1L, Long::sum);
            }
        }
        return new PhaseUnits(byVariant, multiple);
    }

    @Override
    public synchronized Map<VariantKey, VariantSample> samples(Experiment experiment, int phase, Metric metric) {
        Map<VariantKey, VariantSample> samples = new HashMap<>();
        for (Map.Entry<UnitKey, First> unit : phaseUnits(experiment, phase).entrySet()) {
            First first = unit.getValue();
            if (first.multiple()) {
                continue;
            }
            List<TrackedEvent> own = events.stream()
                    .filter(e -> e.environment().equals(experiment.environment())
                            && e.event().equals(metric.event())
                            && e.unit().value().equals(unit.getKey().unit()))
                    .toList();
            double x = value(metric, own, first.at(), first.at().plus(metric.window()));
            double y = value(metric, own, first.at().minus(Metric.PRE_EXPOSURE_LOOKBACK), first.at());
            samples.merge(
                    first.variant(),
                    VariantSample.of(
                            first.variant(),
                            new SampleMoments(1, x, x * x),
                            new Covariate(new SampleMoments(1, y, y * y), x * y)),
                    VariantSample::plus);
        }
        return samples;
    }

    /** The metric's value over the events in [from, to): whether there is one, or what they are worth. */
    private static double value(Metric metric, List<TrackedEvent> events, Instant from, Instant to) {
        List<TrackedEvent> within = events.stream()
                .filter(e -> !e.at().isBefore(from) && e.at().isBefore(to))
                .toList();
        return metric.type() == MetricType.BINOMIAL
                ? (within.isEmpty() ? 0 : 1)
                : within.stream().mapToDouble(TrackedEvent::worth).sum();
    }

    private Map<UnitKey, First> phaseUnits(Experiment experiment, int phase) {
        Map<UnitKey, First> matching = new HashMap<>();
        units.forEach((key, first) -> {
            if (key.experiment().equals(experiment.key().value()) && key.phase() == phase) {
                matching.put(key, first);
            }
        });
        return matching;
    }
}
