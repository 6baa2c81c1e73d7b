package dev.bunting.application.measurement;

import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.EvaluationContext;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.evaluation.PreparedFlag;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.experiment.Exposure;
import dev.bunting.domain.experiment.UnitId;
import dev.bunting.domain.flag.FlagState;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * What a server-side evaluation leaves behind: a count for its flag and variant, and, when an experiment runs on the
 * flag and its split assigned the unit, an exposure. Both go to the buffer, never to the store, so evaluating costs
 * no I/O. An exposure that a committed write already absorbs (the unit's first exposure is stored, with this variant
 * or marked multiple) is left out, as the store would ignore it: it costs a lookup, not a place in the buffer.
 */
public final class MeasureEvaluations {

    private final MeasurementBuffer buffer;
    private final Clock clock;

    @Inject
    public MeasureEvaluations(MeasurementBuffer buffer, Clock clock) {
        this.buffer = buffer;
        this.clock = clock;
    }

    public void evaluated(
            PreparedEnvironment environment, PreparedFlag flag, EvaluationContext context, Evaluation evaluation) {
        Instant now = clock.instant();
        evaluated(environment, flag, context, evaluation, now, now.truncatedTo(ChronoUnit.MINUTES));
    }

    /**
     * As {@link #evaluated} for each flag of a bulk evaluation, {@code evaluations} in the order of the environment's
     * {@linkplain PreparedEnvironment#flags() flags}. They are made at one instant, so the clock is read once for all
     * of them, and flags are looked up for a running experiment only when the environment has one.
     */
    public void evaluatedAll(PreparedEnvironment environment, EvaluationContext context, List<Evaluation> evaluations) {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        int i = 0;
        for (PreparedFlag flag : environment.flags()) {
            evaluated(environment, flag, context, evaluations.get(i++), now, minute);
        }
    }

    private void evaluated(
            PreparedEnvironment environment,
            PreparedFlag flag,
            EvaluationContext context,
            Evaluation evaluation,
            Instant now,
            Instant minute) {
        if (evaluation.isError() || evaluation.variant() == null) {
            return;
        }
        buffer.count(environment.environment(), flag.flag().key(), evaluation.variant(), minute);
        // the experiment's units are those its fallthrough split assigns; targets and rules choose, not chance
        if (!environment.runsExperiments() || evaluation.reason() != Reason.SPLIT || evaluation.ruleId() != null) {
            return;
        }
        // one lookup of the flag's state gives both the running experiment and the config version it serves
        Optional<FlagState> state = environment.state(flag.flag().key().value());
        Optional<ExperimentRun> run = state.flatMap(FlagState::experiment);
        if (run.isEmpty()) {
            return;
        }
        Optional<String> unit = flag.unitOf(context).filter(u -> u.length() <= UnitId.MAX_LENGTH);
        if (unit.isEmpty()) {
            return;
        }
        UnitId unitId = new UnitId(unit.get());
        // the common case at steady state: a unit seen again as it was, whose stored first exposure already says all
        if (buffer.absorbed(run.get(), unitId, evaluation.variant(), now)) {
            return;
        }
        long configVersion = state.get().config().version();
        buffer.expose(new ExperimentExposure(
                run.get().experiment(),
                run.get().phase(),
                new Exposure(
                        environment.environment(),
                        flag.flag().key(),
                        configVersion,
                        evaluation.variant(),
                        unitId,
                        now,
                        Reason.SPLIT,
                        Optional.empty())));
    }
}
