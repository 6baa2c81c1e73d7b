package dev.bunting.application.measurement;

import dev.bunting.application.Outcome;
import dev.bunting.application.evaluation.EnvironmentRules;
import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.InvalidInputException.FieldViolation;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.evaluation.PreparedFlag;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.experiment.EventBatch;
import dev.bunting.domain.experiment.EventName;
import dev.bunting.domain.experiment.ExperimentExposure;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.experiment.Exposure;
import dev.bunting.domain.experiment.TrackedEvent;
import dev.bunting.domain.experiment.UnitId;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.MeasurementLog;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes a batch of exposure and tracking events from an SDK or browser: checks each one, keeps the good ones and says
 * which were rejected and why, and stores the batch once per idempotency key. Accepted means stored: the answer comes
 * after the write, so an acknowledged event is never lost.
 */
public final class RecordEvents {

    /** The most events one batch may carry, as the API documents. */
    public static final int MAX_EVENTS = 500;

    /**
     * How far back an event may be dated: an SDK that was offline for longer sends what no result will read. Raw data
     * is kept at least this long, so that the days late events belong to are still there.
     */
    public static final Duration MAX_AGE = Duration.ofDays(7);

    /** How far ahead of the server's clock an event may be dated: clock skew, not the future. */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final EnvironmentRules rules;
    private final MeasurementLog log;
    private final Clock clock;

    @Inject
    public RecordEvents(EnvironmentRules rules, MeasurementLog log, Clock clock) {
        this.rules = rules;
        this.log = log;
        this.clock = clock;
    }

    /**
     * @param sender         who sent it, for idempotency keys: an SDK key's id, or a user's
     * @param idempotencyKey the request's {@code Idempotency-Key}, if any
     */
    public record Command(
            EnvironmentKey environment,
            EvaluationAccess access,
            String sender,
            Optional<String> idempotencyKey,
            List<SentEvent> events) {}

    /** An event left out, by its position in the batch, with what was wrong. */
    public record Rejection(int index, List<FieldViolation> violations) {}

    /**
     * @param accepted  how many events were stored (or had been, for a repeated batch)
     * @param repeated  the idempotency key was seen before: nothing was stored again
     */
    public record Receipt(int accepted, List<Rejection> rejected, boolean repeated) {
        public Receipt {
            rejected = List.copyOf(rejected);
        }
    }

    public Outcome<Receipt> record(Command command) {
        if (command.events().size() > MAX_EVENTS) {
            throw InvalidInputException.of(
                    "events", "too_many", "a batch holds at most " + MAX_EVENTS + " events; send the rest in another");
        }
        EventBatch batch = new EventBatch(command.sender(), command.idempotencyKey());
        Optional<EnvironmentRules.Rules> found = rules.of(command.environment());
        if (found.isEmpty()) {
            return Outcome.notFound("environment '" + command.environment() + "'");
        }
        PreparedEnvironment environment = found.get().environment();
        Optional<Outcome<Receipt>> refused = command.access().refusal(environment);
        if (refused.isPresent()) {
            return refused.get();
        }
        Instant now = clock.instant();
        List<TrackedEvent> tracked = new ArrayList<>();
        List<ExperimentExposure> exposures = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < command.events().size(); i++) {
            try {
                switch (command.events().get(i)) {
                    case SentEvent.Track track -> tracked.add(tracked(environment, track, now));
                    case SentEvent.Exposure exposure ->
                        exposure(environment, exposure, now).ifPresent(exposures::add);
                    case SentEvent.Unreadable unreadable ->
                        throw InvalidInputException.of(unreadable.field(), unreadable.code(), unreadable.message());
                }
            } catch (InvalidInputException e) {
                String prefix = "events[" + i + "]";
                rejected.add(new Rejection(i, e.under(prefix).violations()));
            }
        }
        int accepted = command.events().size() - rejected.size();
        boolean stored = log.recordBatch(batch, tracked, exposures);
        return Outcome.done(new Receipt(accepted, rejected, !stored));
    }

    private static TrackedEvent tracked(PreparedEnvironment environment, SentEvent.Track track, Instant now) {
        return new TrackedEvent(
                environment.environment(),
                new EventName(track.event()),
                new UnitId(track.unit()),
                track.value(),
                at(track, now),
                track.details());
    }

    /**
     * An exposure counts when an experiment runs on the flag: the SDK saw it in its snapshot. One sent just after the
     * experiment stopped is accepted and counts for nothing, as the SDK could not have known.
     */
    private static Optional<ExperimentExposure> exposure(
            PreparedEnvironment environment, SentEvent.Exposure sent, Instant now) {
        FlagKey key = new FlagKey(required("flag", sent.flag()));
        VariantKey variant = new VariantKey(required("variant", sent.variant()));
        UnitId unit = new UnitId(required("unit", sent.unit()));
        Instant at = at(sent, now);
        PreparedFlag flag = environment
                .flag(key.value())
                .orElseThrow(() -> InvalidInputException.of(
                        "flag", "unknown_flag", "flag '" + key + "' does not exist in " + environment.environment()));
        if (!flag.flag().hasVariant(variant)) {
            throw InvalidInputException.of(
                    "variant", "unknown_variant", "flag '" + key + "' has no variant '" + variant + "'");
        }
        Optional<ExperimentRun> run = environment.experiment(key.value());
        return run.map(r -> new ExperimentExposure(
                r.experiment(),
                r.phase(),
                new Exposure(
                        environment.environment(),
                        key,
                        environment.state(key.value()).orElseThrow().config().version(),
                        variant,
                        unit,
                        at,
                        Reason.SPLIT,
                        Optional.empty())));
    }

    private static Instant at(SentEvent event, Instant now) {
        Instant at = event.timestamp().orElse(now);
        if (at.isBefore(now.minus(MAX_AGE))) {
            throw InvalidInputException.of(
                    "timestamp", "too_old", "an event may be at most " + MAX_AGE.toDays() + " days old");
        }
        if (at.isAfter(now.plus(MAX_SKEW))) {
            throw InvalidInputException.of(
                    "timestamp",
                    "in_the_future",
                    "an event may be dated at most 5 minutes ahead of the server's clock");
        }
        return at;
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw InvalidInputException.of(field, "required", field + " is required");
        }
        return value;
    }
}
