package dev.bunting.domain.experiment;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.statistics.MetricType;
import dev.bunting.domain.flag.FlagDocuments;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.VariantKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one JSON document form of an experiment, as plain Java trees, as {@link FlagDocuments} is for flags: the REST
 * API shows it, the store keeps it, and the audit trail diffs it.
 */
public final class ExperimentDocuments {

    private ExperimentDocuments() {}

    public static Map<String, Object> write(Experiment experiment) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("key", experiment.key().value());
        document.put("name", experiment.name());
        document.put("hypothesis", experiment.hypothesis());
        document.put("flag", experiment.flag().value());
        document.put("environment", experiment.environment().value());
        document.put("control", experiment.control().value());
        document.put(
                "metrics",
                experiment.metrics().stream().map(ExperimentDocuments::metric).toList());
        document.put("status", wire(experiment.status()));
        document.put(
                "phases",
                experiment.phases().stream().map(ExperimentDocuments::phase).toList());
        document.put(
                "decision",
                experiment.decision().map(ExperimentDocuments::decision).orElse(null));
        document.put("created_at", experiment.createdAt().toString());
        document.put("updated_at", experiment.updatedAt().toString());
        document.put("version", BigDecimal.valueOf(experiment.version()));
        return document;
    }

    /** Reads a document that {@link #write} made (as the store keeps it); fails on anything else. */
    public static Experiment read(Object tree) {
        Map<?, ?> document = (Map<?, ?>) tree;
        return new Experiment(
                new ExperimentKey(text(document, "key")),
                text(document, "name"),
                text(document, "hypothesis"),
                new FlagKey(text(document, "flag")),
                new EnvironmentKey(text(document, "environment")),
                new VariantKey(text(document, "control")),
                list(document, "metrics").stream()
                        .map(ExperimentDocuments::readMetric)
                        .toList(),
                ExperimentStatus.valueOf(text(document, "status").toUpperCase(Locale.ROOT)),
                list(document, "phases").stream()
                        .map(ExperimentDocuments::readPhase)
                        .toList(),
                Optional.ofNullable(document.get("decision")).map(ExperimentDocuments::readDecision),
                Instant.parse(text(document, "created_at")),
                Instant.parse(text(document, "updated_at")),
                number(document, "version").longValueExact());
    }

    public static Map<String, Object> metric(Metric metric) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("key", metric.key().value());
        document.put("event", metric.event().value());
        document.put("type", wire(metric.type()));
        document.put("role", wire(metric.role()));
        document.put("window_hours", BigDecimal.valueOf(metric.window().toHours()));
        return document;
    }

    private static Map<String, Object> phase(Phase phase) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("number", BigDecimal.valueOf(phase.number()));
        document.put("started_at", phase.startedAt().toString());
        document.put("ended_at", phase.endedAt().map(Instant::toString).orElse(null));
        document.put(
                "split",
                FlagDocuments.writeServe(new Serve.Percentage(phase.split())).get("split"));
        return document;
    }

    private static Map<String, Object> decision(Decision decision) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("outcome", wire(decision.outcome()));
        document.put("variant", decision.variant().map(VariantKey::value).orElse(null));
        document.put("reason", decision.reason());
        return document;
    }

    private static Metric readMetric(Object tree) {
        Map<?, ?> document = (Map<?, ?>) tree;
        return new Metric(
                new MetricKey(text(document, "key")),
                new EventName(text(document, "event")),
                MetricType.valueOf(text(document, "type").toUpperCase(Locale.ROOT)),
                MetricRole.valueOf(text(document, "role").toUpperCase(Locale.ROOT)),
                Duration.ofHours(number(document, "window_hours").longValueExact()));
    }

    private static Phase readPhase(Object tree) {
        Map<?, ?> document = (Map<?, ?>) tree;
        Serve serve = FlagDocuments.readServe("split", Map.of("split", document.get("split")));
        return new Phase(
                number(document, "number").intValueExact(),
                Instant.parse(text(document, "started_at")),
                Optional.ofNullable((String) document.get("ended_at")).map(Instant::parse),
                ((Serve.Percentage) serve).split());
    }

    private static Decision readDecision(Object tree) {
        Map<?, ?> document = (Map<?, ?>) tree;
        return new Decision(
                Decision.Outcome.valueOf(text(document, "outcome").toUpperCase(Locale.ROOT)),
                Optional.ofNullable((String) document.get("variant")).map(VariantKey::new),
                text(document, "reason"));
    }

    /** An enum's name as the API writes it: lowercase, with underscores, such as {@code roll_back}. */
    public static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String text(Map<?, ?> document, String field) {
        return (String) present(document, field);
    }

    private static List<?> list(Map<?, ?> document, String field) {
        return (List<?>) present(document, field);
    }

    private static BigDecimal number(Map<?, ?> document, String field) {
        Object value = present(document, field);
        return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
    }

    /** A field every document {@link #write} makes has; a stored document without it is not one of ours. */
    private static Object present(Map<?, ?> document, String field) {
        Object value = document.get(field);
        if (value == null) {
            throw new IllegalArgumentException("an experiment document without '" + field + "'");
        }
        return value;
    }
}
