package dev.bunting.adapter.http;

import dev.bunting.application.evaluation.EvaluationAccess;
import dev.bunting.application.measurement.RecordEvents;
import dev.bunting.application.measurement.SentEvent;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.EventBatch;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code POST /events}: exposure and tracking events from SDKs and browsers, authenticated as evaluation is. The answer
 * is 202 with how many were stored and which were rejected and why, after they are stored.
 */
final class EventRoutes implements RouteGroup {

    private static final Set<String> EXPOSURE_FIELDS = Set.of("type", "flag", "variant", "unit", "timestamp");
    private static final Set<String> TRACK_FIELDS = Set.of("type", "event", "unit", "value", "timestamp", "details");

    private final RecordEvents recordEvents;
    private final Responses responses;

    @Inject
    EventRoutes(RecordEvents recordEvents, Responses responses) {
        this.recordEvents = recordEvents;
        this.responses = responses;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.of("POST", "/events", Access.EVALUATION, this::record));
    }

    record EventsBody(String environment, List<Object> events) {}

    private ApiResponse record(Route.Call call) {
        EventsBody body = call.json().read(call.request().body(), EventsBody.class);
        if (body.events() == null) {
            throw new ProblemException(Problem.badRequest("events", "required", "events is required"));
        }
        EvaluationAccess access = call.evaluation();
        EnvironmentKey environment =
                EvaluationRoutes.environment(Optional.ofNullable(body.environment()), access, "environment");
        Optional<String> idempotencyKey = call.request().header("Idempotency-Key");
        if (idempotencyKey.isPresent() && idempotencyKey.get().length() > EventBatch.MAX_KEY_LENGTH) {
            throw new ProblemException(Problem.badRequest(
                    "Idempotency-Key",
                    "too_long",
                    "Idempotency-Key must be at most " + EventBatch.MAX_KEY_LENGTH + " characters"));
        }
        List<SentEvent> events = new ArrayList<>(body.events().size());
        for (Object event : body.events()) {
            events.add(read(call.json(), event));
        }
        var command =
                new RecordEvents.Command(environment, access, sender(access, environment), idempotencyKey, events);
        return responses.outcome(recordEvents.record(command), call.request().path(), receipt -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("accepted", receipt.accepted());
            answer.put(
                    "rejected",
                    receipt.rejected().stream().map(EventRoutes::rejection).toList());
            answer.put("duplicate", receipt.repeated());
            return responses.json(202, answer);
        });
    }

    private static Map<String, Object> rejection(RecordEvents.Rejection rejection) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("index", rejection.index());
        body.put(
                "errors",
                rejection.violations().stream()
                        .map(v -> {
                            Map<String, Object> error = new LinkedHashMap<>();
                            error.put("field", v.field());
                            error.put("code", v.code());
                            error.put("message", v.message());
                            return error;
                        })
                        .toList());
        return body;
    }

    /** Idempotency keys are unique per sender: per environment's keys, or per signed-in principal. */
    private static String sender(EvaluationAccess access, EnvironmentKey environment) {
        return switch (access) {
            case EvaluationAccess.SdkKey key -> "key:" + key.environment();
            case EvaluationAccess.Authenticated authenticated ->
                "principal:" + authenticated.principal().actor().id();
            case EvaluationAccess.Anonymous anonymous -> "anonymous:" + environment;
        };
    }

    private static SentEvent read(Json json, Object event) {
        if (!(event instanceof Map<?, ?> fields)) {
            return new SentEvent.Unreadable("", "invalid_type", "an event must be a JSON object");
        }
        Object type = fields.get("type");
        Set<String> allowed = "exposure".equals(type) ? EXPOSURE_FIELDS : "track".equals(type) ? TRACK_FIELDS : null;
        if (allowed == null) {
            return new SentEvent.Unreadable("type", "invalid_value", "type must be exposure or track");
        }
        for (Object name : fields.keySet()) {
            if (!allowed.contains(name)) {
                return new SentEvent.Unreadable(String.valueOf(name), "unknown_field", "unknown field '" + name + "'");
            }
        }
        try {
            Optional<Instant> timestamp = timestamp(fields.get("timestamp"));
            return switch ((String) type) {
                case "exposure" ->
                    new SentEvent.Exposure(
                            text(fields, "flag"), text(fields, "variant"), text(fields, "unit"), timestamp);
                default ->
                    new SentEvent.Track(
                            text(fields, "event"),
                            text(fields, "unit"),
                            value(fields.get("value")),
                            timestamp,
                            details(json, fields.get("details")));
            };
        } catch (Unreadable e) {
            return e.event;
        }
    }

    private static String text(Map<?, ?> fields, String field) {
        Object value = fields.get(field);
        if (value != null && !(value instanceof String)) {
            throw new Unreadable(field, "invalid_type", field + " must be a string");
        }
        return (String) value;
    }

    private static OptionalDouble value(Object value) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (!(value instanceof Number number)) {
            throw new Unreadable("value", "invalid_type", "value must be a number");
        }
        return OptionalDouble.of(number.doubleValue());
    }

    private static Optional<Instant> timestamp(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String text) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeException e) {
                // falls through to the problem below
            }
        }
        throw new Unreadable(
                "timestamp", "invalid_format", "timestamp must be an ISO-8601 instant such as 2026-12-05T10:15:30Z");
    }

    private static String details(Json json, Object details) {
        if (details == null) {
            return "{}";
        }
        if (!(details instanceof Map<?, ?>)) {
            throw new Unreadable("details", "invalid_type", "details must be a JSON object");
        }
        return new String(json.write(details), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An event that cannot be read, carried out of the field readers to become a rejection. */
    private static final class Unreadable extends RuntimeException {
        private final SentEvent.Unreadable event;

        Unreadable(String field, String code, String message) {
            super(message, null, false, false);
            this.event = new SentEvent.Unreadable(field, code, message);
        }
    }
}
