package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;
import dev.bunting.domain.flag.Split;
import java.time.Instant;
import java.util.Optional;

/**
 * A stretch of an experiment's run with fixed weights. Changing the split's weights while it runs ends one phase and
 * starts the next, and results are per phase, so a weight change never looks like a sample-ratio mismatch.
 *
 * @param number 1 for the first phase
 * @param split  the weights units were assigned with during this phase
 */
public record Phase(int number, Instant startedAt, Optional<Instant> endedAt, Split split) {

    public Phase {
        if (number < 1) {
            throw new IllegalArgumentException("phases are numbered from 1");
        }
        Checks.requirePresent("started_at", startedAt);
        Checks.requirePresent("ended_at", endedAt);
        Checks.requirePresent("split", split);
    }

    public static Phase first(Split split, Instant at) {
        return new Phase(1, at, Optional.empty(), split);
    }

    public Phase endedAt(Instant at) {
        return new Phase(number, startedAt, Optional.of(at), split);
    }

    public Phase next(Split newSplit, Instant at) {
        return new Phase(number + 1, at, Optional.empty(), newSplit);
    }

    public boolean isOpen() {
        return endedAt.isEmpty();
    }
}
