package dev.bunting.adapter.postgres;

import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.Exposure;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repeats of one exposure within a write, as one raw row: the same unit served the same variant by the same config of
 * the same experiment phase, {@code count} times from {@code first} to {@code last}. A write usually holds a flush's
 * exposures (a second of them on the local runner), where a unit evaluated again repeats itself.
 */
record ExposureFold(ExperimentExposure exposure, int count, Instant last) {

    /** An exposure with its time left out: what repeats share. */
    private record Repeat(
            String experiment,
            int phase,
            String environment,
            String flag,
            long configVersion,
            String variant,
            String unit,
            String reason,
            String rule) {

        static Repeat of(ExperimentExposure e) {
            Exposure x = e.exposure();
            return new Repeat(
                    e.experiment().value(),
                    e.phase(),
                    x.environment().value(),
                    x.flag().value(),
                    x.configVersion(),
                    x.variant().value(),
                    x.unit().value(),
                    x.reason().name(),
                    x.rule().map(r -> r.value()).orElse(""));
        }
    }

    /** The first exposure of the fold: the raw row's time, and its partition's day. */
    Instant first() {
        return exposure.exposure().at();
    }

    /** @return one fold per distinct exposure (its time aside), in the order each first appeared */
    static Collection<ExposureFold> of(List<ExperimentExposure> exposures) {
        Map<Repeat, ExposureFold> folds = new LinkedHashMap<>();
        for (ExperimentExposure e : exposures) {
            folds.merge(Repeat.of(e), new ExposureFold(e, 1, e.exposure().at()), ExposureFold::with);
        }
        return folds.values();
    }

    private ExposureFold with(ExposureFold other) {
        ExposureFold earlier = other.first().isBefore(first()) ? other : this;
        Instant latest = other.last.isAfter(last) ? other.last : last;
        return new ExposureFold(earlier.exposure, count + other.count, latest);
    }
}
