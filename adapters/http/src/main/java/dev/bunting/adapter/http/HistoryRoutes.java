package dev.bunting.adapter.http;

import dev.bunting.application.experiment.ReadExposuresPerDay;
import dev.bunting.application.flag.ReadEvaluationCounts;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.TimeBucket;
import dev.bunting.domain.experiment.VariantCount;
import dev.bunting.domain.flag.FlagKey;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** Counts over time, for charts: a flag's evaluations per variant, and an experiment phase's first exposures per day. */
final class HistoryRoutes implements RouteGroup {

    private final ReadEvaluationCounts evaluations;
    private final ReadExposuresPerDay exposures;
    private final Responses responses;

    @Inject
    HistoryRoutes(ReadEvaluationCounts evaluations, ReadExposuresPerDay exposures, Responses responses) {
        this.evaluations = evaluations;
        this.exposures = exposures;
        this.responses = responses;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/flags/{key}/evaluations", Access.SIGNED, this::evaluations)
                        .accepting("environment", "from", "to", "bucket"),
                Route.of("GET", "/experiments/{key}/exposures", Access.SIGNED, this::exposures)
                        .accepting("phase"));
    }

    private ApiResponse evaluations(Route.Call call) {
        ApiRequest request = call.request();
        var query = new ReadEvaluationCounts.Query(
                call.principal(),
                new FlagKey(call.path("key")),
                environment(request),
                QueryParameters.instant(request, "from"),
                QueryParameters.instant(request, "to"),
                bucket(request));
        return responses.outcome(evaluations.read(query), request.path(), counts -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("flag", counts.flag().value());
            body.put("environment", counts.environment().value());
            body.put("bucket", counts.bucket().name().toLowerCase(Locale.ROOT));
            body.put("from", counts.from().toString());
            body.put("to", counts.to().toString());
            body.put(
                    "points", counts.points().stream().map(HistoryRoutes::point).toList());
            return responses.json(200, body);
        });
    }

    private ApiResponse exposures(Route.Call call) {
        ApiRequest request = call.request();
        OptionalInt phase = request.queryParameter("phase").isPresent()
                ? OptionalInt.of(QueryParameters.integer(request, "phase", 0))
                : OptionalInt.empty();
        var query = new ReadExposuresPerDay.Query(call.principal(), new ExperimentKey(call.path("key")), phase);
        return responses.outcome(exposures.read(query), request.path(), found -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("experiment", found.experiment().key().value());
            body.put("phase", found.phase().number());
            body.put("days", found.days().stream().map(HistoryRoutes::day).toList());
            return responses.json(200, body);
        });
    }

    private static Map<String, Object> point(VariantCount count) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("start", count.start().toString());
        point.put("variant", count.variant().value());
        point.put("count", count.count());
        return point;
    }

    private static Map<String, Object> day(VariantCount count) {
        Map<String, Object> day = new LinkedHashMap<>();
        day.put("day", count.start().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        day.put("variant", count.variant().value());
        day.put("units", count.count());
        return day;
    }

    private static TimeBucket bucket(ApiRequest request) {
        return switch (request.queryParameter("bucket").orElse("hour")) {
            case "minute" -> TimeBucket.MINUTE;
            case "hour" -> TimeBucket.HOUR;
            case "day" -> TimeBucket.DAY;
            default ->
                throw new ProblemException(
                        Problem.badRequest("bucket", "invalid_value", "bucket must be minute, hour or day"));
        };
    }

    /** The environment, its violations named after the query parameter rather than the key's own field. */
    private static EnvironmentKey environment(ApiRequest request) {
        String text = QueryParameters.required(request, "environment");
        try {
            return new EnvironmentKey(text);
        } catch (InvalidInputException e) {
            InvalidInputException.FieldViolation violation = e.violations().getFirst();
            throw InvalidInputException.of(
                    "environment", violation.code(), violation.message().replaceFirst("^key\\b", "environment"));
        }
    }
}
