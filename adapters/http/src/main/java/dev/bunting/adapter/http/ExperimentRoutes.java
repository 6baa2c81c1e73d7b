package dev.bunting.adapter.http;

import dev.bunting.application.experiment.ChangeExperiment;
import dev.bunting.application.experiment.CreateExperiment;
import dev.bunting.application.experiment.DeleteExperiment;
import dev.bunting.application.experiment.ReadExperimentResults;
import dev.bunting.application.experiment.ReadExperiments;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.experiment.Decision;
import dev.bunting.domain.experiment.EventName;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentDocuments;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.ExperimentStatus;
import dev.bunting.domain.experiment.Metric;
import dev.bunting.domain.experiment.MetricKey;
import dev.bunting.domain.experiment.MetricRole;
import dev.bunting.domain.experiment.statistics.Inference;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.experiment.statistics.PValueCorrection;
import dev.bunting.domain.experiment.statistics.SequentialTesting;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.ExperimentQuery;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Experiments: draft, read, edit, start, stop with a decision, archive, delete, and their results. */
final class ExperimentRoutes implements RouteGroup {

    /** How many metrics one experiment's body may define; the domain's own bound. */
    private static final int MAX_METRICS = Experiment.MAX_METRICS;

    private final CreateExperiment create;
    private final ReadExperiments read;
    private final ChangeExperiment change;
    private final DeleteExperiment delete;
    private final ReadExperimentResults results;
    private final Responses responses;

    @Inject
    ExperimentRoutes(
            CreateExperiment create,
            ReadExperiments read,
            ChangeExperiment change,
            DeleteExperiment delete,
            ReadExperimentResults results,
            Responses responses) {
        this.create = create;
        this.read = read;
        this.change = change;
        this.delete = delete;
        this.results = results;
        this.responses = responses;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/experiments", Access.SIGNED, this::create),
                Route.of("GET", "/experiments", Access.SIGNED, this::list).accepting("flag", "environment", "status"),
                Route.of("GET", "/experiments/{key}", Access.SIGNED, this::get),
                Route.of("PUT", "/experiments/{key}", Access.SIGNED, this::edit),
                Route.of("DELETE", "/experiments/{key}", Access.SIGNED, this::delete),
                Route.of("POST", "/experiments/{key}/start", Access.SIGNED, this::start),
                Route.of("POST", "/experiments/{key}/stop", Access.SIGNED, this::stop),
                Route.of("POST", "/experiments/{key}/archive", Access.SIGNED, this::archive),
                Route.of("GET", "/experiments/{key}/results", Access.SIGNED, this::results)
                        .accepting("engine", "sequential", "tuning", "correction", "cuped", "refresh"));
    }

    record MetricBody(String key, String event, String type, String role, Integer windowHours) {}

    record CreateBody(
            String key,
            String name,
            String hypothesis,
            String flag,
            String environment,
            String control,
            List<MetricBody> metrics) {}

    /**
     * What a GET shows can be put back with changes: the fields a PUT cannot change are read and, for the flag and
     * environment, must be the stored ones; status, phases, decision and times are the lifecycle's, not the body's.
     */
    record EditBody(
            String key,
            String name,
            String hypothesis,
            String flag,
            String environment,
            String control,
            List<MetricBody> metrics,
            Object status,
            Object phases,
            Object decision,
            Object createdAt,
            Object updatedAt,
            Long version) {}

    record DecisionBody(String outcome, String variant, String reason) {}

    record StopBody(DecisionBody decision, Long version) {}

    record TransitionBody(Long version) {}

    private ApiResponse create(Route.Call call) {
        CreateBody body = call.json().read(call.request().body(), CreateBody.class);
        var command = new CreateExperiment.Command(
                call.principal(),
                new ExperimentKey(required("key", body.key())),
                required("name", body.name()),
                body.hypothesis() == null ? "" : body.hypothesis(),
                new FlagKey(required("flag", body.flag())),
                EvaluationRoutes.environmentKey(required("environment", body.environment())),
                variant("control", body.control()),
                metrics(body.metrics()));
        return responses.outcome(create.create(command), call.request().path(), experiment -> {
            ApiResponse created = responses.json(201, ExperimentDocuments.write(experiment), experiment.version());
            Map<String, String> headers = new LinkedHashMap<>(created.headers());
            headers.put("Location", "/experiments/" + experiment.key());
            return new ApiResponse(201, headers, created.body());
        });
    }

    private ApiResponse list(Route.Call call) {
        ApiRequest request = call.request();
        var query = new ExperimentQuery(
                request.queryParameter("flag").map(FlagKey::new),
                request.queryParameter("environment").map(EvaluationRoutes::environmentKey),
                request.queryParameter("status").map(ExperimentRoutes::status));
        return responses.outcome(read.list(call.principal(), query), request.path(), experiments -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(
                    "items",
                    experiments.stream().map(ExperimentDocuments::write).toList());
            return responses.json(200, body);
        });
    }

    private ApiResponse get(Route.Call call) {
        return responses.outcome(
                read.get(call.principal(), key(call)), call.request().path(), this::shown);
    }

    private ApiResponse edit(Route.Call call) {
        EditBody body = call.json().read(call.request().body(), EditBody.class);
        ExperimentKey key = key(call);
        if (body.key() != null && !body.key().equals(key.value())) {
            throw new ProblemException(Problem.badRequest("key", "immutable", "an experiment's key cannot change"));
        }
        long version = Versions.required(call.request(), body.version());
        var details = new ChangeExperiment.Details(
                required("name", body.name()),
                body.hypothesis() == null ? "" : body.hypothesis(),
                variant("control", body.control()),
                metrics(body.metrics()),
                Optional.ofNullable(body.flag()).map(FlagKey::new),
                Optional.ofNullable(body.environment()).map(EvaluationRoutes::environmentKey));
        return responses.outcome(
                change.edit(new ChangeExperiment.Target(call.principal(), key, OptionalLong.of(version)), details),
                call.request().path(),
                this::shown);
    }

    private ApiResponse delete(Route.Call call) {
        return responses.outcome(
                delete.delete(call.principal(), key(call), Versions.named(call.request(), (Object) null)),
                call.request().path(),
                experiment -> responses.noContent());
    }

    private ApiResponse start(Route.Call call) {
        return responses.outcome(change.start(transition(call)), call.request().path(), this::shown);
    }

    private ApiResponse archive(Route.Call call) {
        return responses.outcome(
                change.archive(transition(call)), call.request().path(), this::shown);
    }

    private ApiResponse stop(Route.Call call) {
        StopBody body = call.json().read(call.request().body(), StopBody.class);
        DecisionBody decision = body.decision();
        if (decision == null) {
            throw new ProblemException(Problem.badRequest(
                    "decision", "required", "stopping needs a decision: ship a variant, or roll back"));
        }
        Decision chosen =
                switch (required("decision.outcome", decision.outcome())) {
                    case "ship" -> Decision.ship(variant("decision.variant", decision.variant()), reason(decision));
                    case "roll_back" -> {
                        if (decision.variant() != null) {
                            throw new ProblemException(Problem.badRequest(
                                    "decision.variant", "not_allowed", "a roll-back ships the control, not a variant"));
                        }
                        yield Decision.rollBack(reason(decision));
                    }
                    default ->
                        throw new ProblemException(Problem.badRequest(
                                "decision.outcome", "invalid_value", "decision.outcome must be ship or roll_back"));
                };
        var target = new ChangeExperiment.Target(
                call.principal(), key(call), Versions.named(call.request(), body.version()));
        return responses.outcome(change.stop(target, chosen), call.request().path(), this::shown);
    }

    private ApiResponse results(Route.Call call) {
        ApiRequest request = call.request();
        Inference inference =
                switch (request.queryParameter("engine").orElse("frequentist")) {
                    case "frequentist" -> Inference.FREQUENTIST;
                    case "bayesian" -> Inference.BAYESIAN;
                    default ->
                        throw new ProblemException(Problem.badRequest(
                                "engine", "invalid_value", "engine must be frequentist or bayesian"));
                };
        boolean sequential = bool(request, "sequential");
        Optional<SequentialTesting> testing = sequential
                ? Optional.of(new SequentialTesting(
                        QueryParameters.integer(request, "tuning", (int) SequentialTesting.DEFAULT_TUNING)))
                : Optional.empty();
        if (sequential && inference == Inference.BAYESIAN) {
            throw new ProblemException(Problem.badRequest(
                    "sequential", "not_applicable", "sequential testing applies to the frequentist engine only"));
        }
        Optional<PValueCorrection> correction = request.queryParameter("correction")
                .filter(c -> !c.equals("none"))
                .map(ExperimentRoutes::correction);
        boolean cuped = bool(request, "cuped");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("engine", ExperimentDocuments.wire(inference));
        settings.put(
                "sequential",
                testing.map(t -> (Object) Map.of("tuning", t.tuning())).orElse(null));
        settings.put(
                "correction",
                correction
                        .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .orElse(null));
        settings.put("cuped", cuped);
        return responses.outcome(
                results.read(
                        call.principal(),
                        key(call),
                        new ReadExperimentResults.Settings(inference, testing, correction, cuped),
                        bool(request, "refresh")),
                request.path(),
                found -> responses.json(200, ResultRepresentations.results(found, settings)));
    }

    private ApiResponse shown(Experiment experiment) {
        return responses.json(200, ExperimentDocuments.write(experiment), experiment.version());
    }

    private ChangeExperiment.Target transition(Route.Call call) {
        byte[] raw = call.request().body();
        Long version = raw.length == 0
                ? null
                : call.json().read(raw, TransitionBody.class).version();
        return new ChangeExperiment.Target(call.principal(), key(call), Versions.named(call.request(), version));
    }

    private static ExperimentKey key(Route.Call call) {
        return new ExperimentKey(call.path("key"));
    }

    private static List<Metric> metrics(List<MetricBody> bodies) {
        if (bodies == null) {
            return List.of();
        }
        if (bodies.size() > MAX_METRICS) {
            throw new ProblemException(
                    Problem.badRequest("metrics", "too_many", "an experiment has at most " + MAX_METRICS + " metrics"));
        }
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            MetricBody body = bodies.get(i);
            String path = "metrics[" + i + "]";
            if (body == null) {
                throw new ProblemException(Problem.badRequest(path, "required", path + " must be an object"));
            }
            try {
                metrics.add(new Metric(
                        new MetricKey(required(path + ".key", body.key())),
                        new EventName(required(path + ".event", body.event())),
                        choice(path + ".type", body.type(), MetricType.class),
                        body.role() == null
                                ? MetricRole.PRIMARY
                                : choice(path + ".role", body.role(), MetricRole.class),
                        body.windowHours() == null ? Metric.DEFAULT_WINDOW : Duration.ofHours(body.windowHours())));
            } catch (InvalidInputException e) {
                throw e.violations().getFirst().field().startsWith(path) ? e : e.under(path);
            }
        }
        return metrics;
    }

    private static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        required(field, value);
        for (E constant : type.getEnumConstants()) {
            if (ExperimentDocuments.wire(constant).equals(value)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(ExperimentDocuments.wire(constant));
        }
        throw new ProblemException(
                Problem.badRequest(field, "invalid_value", field + " must be one of " + String.join(", ", allowed)));
    }

    private static ExperimentStatus status(String value) {
        return choice("status", value, ExperimentStatus.class);
    }

    private static PValueCorrection correction(String value) {
        return switch (value) {
            case "holm-bonferroni" -> PValueCorrection.HOLM_BONFERRONI;
            case "benjamini-hochberg" -> PValueCorrection.BENJAMINI_HOCHBERG;
            default ->
                throw new ProblemException(Problem.badRequest(
                        "correction",
                        "invalid_value",
                        "correction must be holm-bonferroni, benjamini-hochberg or none"));
        };
    }

    private static boolean bool(ApiRequest request, String name) {
        return switch (request.queryParameter(name).orElse("false")) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new ProblemException(Problem.badRequest(name, "invalid_value", name + " must be true or false"));
        };
    }

    private static VariantKey variant(String field, String value) {
        try {
            return new VariantKey(required(field, value));
        } catch (InvalidInputException e) {
            throw InvalidInputException.of(field, e.violations().getFirst().code(), e.getMessage());
        }
    }

    private static String reason(DecisionBody decision) {
        return decision.reason() == null ? "" : decision.reason();
    }

    static String required(String field, String value) {
        if (value == null) {
            throw new ProblemException(Problem.badRequest(field, "required", field + " is required"));
        }
        return value;
    }
}
