package dev.bunting.domain.flag;

import dev.bunting.domain.InvalidInputException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON document form of flags and configs, as plain Java trees (maps, lists, strings, BigDecimal, booleans).
 * The REST API, the store and the caches all speak it, so it is defined once, here, and every adapter only turns these
 * trees into text and back.
 */
public final class FlagDocuments {

    private static final Set<String> CONFIG_FIELDS =
            Set.of("enabled", "off_variant", "targets", "rules", "fallthrough", "version");
    private static final Set<String> TARGET_FIELDS = Set.of("variant", "units");
    private static final Set<String> RULE_FIELDS = Set.of("id", "description", "clauses", "serve");
    private static final Set<String> CLAUSE_FIELDS = Set.of("attribute", "operator", "values", "negate", "ignore_case");
    private static final Set<String> SERVE_FIELDS = Set.of("variant", "split");
    private static final Set<String> WEIGHT_FIELDS = Set.of("variant", "weight");
    private static final Set<String> VARIANT_FIELDS = Set.of("key", "value", "description");

    private FlagDocuments() {}

    /**
     * Reads a config document. A {@code version} field is allowed (clients send back what they read) but ignored here.
     *
     * @param newRuleId names rules that arrive without an id
     */
    public static FlagConfig readConfig(Object document, Supplier<String> newRuleId) {
        DocumentReader config = DocumentReader.of("", document, CONFIG_FIELDS);
        String offVariantName = config.requiredString("off_variant");
        requireField(config, "fallthrough");
        boolean enabled = config.bool("enabled", false);
        VariantKey offVariant = config.build(() -> new VariantKey(offVariantName));
        List<Target> targets = config.list("targets", Flag.MAX_VARIANTS, FlagDocuments::readTarget);
        List<Rule> rules = config.list("rules", FlagConfig.MAX_RULES, (path, rule) -> readRule(path, rule, newRuleId));
        Serve fallthrough = readServe(config.path("fallthrough"), config.raw("fallthrough"));
        return new FlagConfig(enabled, offVariant, targets, rules, fallthrough);
    }

    public static Map<String, Object> writeConfig(FlagConfig config) {
        return writeConfig(
                config.enabled(), config.offVariant(), config.targets(), config.rules(), config.fallthrough());
    }

    /** The document of a config from its parts, for measuring it while it is being built. */
    static Map<String, Object> writeConfig(
            boolean enabled, VariantKey offVariant, List<Target> targets, List<Rule> rules, Serve fallthrough) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("enabled", enabled);
        document.put("off_variant", offVariant.value());
        document.put("targets", targets.stream().map(FlagDocuments::writeTarget).toList());
        document.put("rules", rules.stream().map(FlagDocuments::writeRule).toList());
        document.put("fallthrough", writeServe(fallthrough));
        return document;
    }

    /**
     * A config as local evaluation needs it, the shape {@code GET /sdk/flags} sends: what {@link #readConfig} would
     * take as its default is left out ({@code enabled} false, no targets, no rules, a clause's {@code values} empty,
     * {@code negate} and {@code ignore_case} false), and so are rules' descriptions, which evaluation never reads. With thousands of flags
     * these are most of the document's repeated words. {@link #readConfig} reads it back to a config that evaluates
     * the same.
     */
    public static Map<String, Object> writeConfigForEvaluation(FlagConfig config) {
        Map<String, Object> document = new LinkedHashMap<>();
        if (config.enabled()) {
            document.put("enabled", true);
        }
        document.put("off_variant", config.offVariant().value());
        if (!config.targets().isEmpty()) {
            document.put(
                    "targets",
                    config.targets().stream().map(FlagDocuments::writeTarget).toList());
        }
        if (!config.rules().isEmpty()) {
            document.put(
                    "rules",
                    config.rules().stream()
                            .map(FlagDocuments::writeRuleForEvaluation)
                            .toList());
        }
        document.put("fallthrough", writeServe(config.fallthrough()));
        return document;
    }

    /**
     * A JSON value as documents hold it: every number a BigDecimal, whatever the parser produced, so values compare by
     * what they say.
     */
    public static @Nullable Object normalise(@Nullable Object value) {
        return DocumentReader.normalise(value);
    }

    /** Reads a flag's variants; values are checked against the kind by {@link Flag}. */
    public static List<Variant> readVariants(String path, Object document) {
        DocumentReader holder = DocumentReader.of("", Map.of(path, document), Set.of(path));
        return holder.list(path, FlagDocuments::readVariant);
    }

    public static List<Map<String, Object>> writeVariants(List<Variant> variants) {
        return variants.stream()
                .map(v -> {
                    Map<String, Object> document = new LinkedHashMap<>();
                    document.put("key", v.key().value());
                    document.put("value", v.value());
                    if (v.description() != null) {
                        document.put("description", v.description());
                    }
                    return document;
                })
                .toList();
    }

    /** A flag's variants as evaluation needs them: keys and values, without descriptions. */
    public static List<Map<String, Object>> writeVariantsForEvaluation(List<Variant> variants) {
        return variants.stream()
                .map(v -> {
                    Map<String, Object> document = new LinkedHashMap<>();
                    document.put("key", v.key().value());
                    document.put("value", v.value());
                    return document;
                })
                .toList();
    }

    /** Reads a serve: {@code {"variant": "on"}} or {@code {"split": [{"variant": "on", "weight": 3000}, ...]}}. */
    public static Serve readServe(String path, @Nullable Object document) {
        DocumentReader serve = DocumentReader.of(path, document, SERVE_FIELDS);
        if (serve.has("variant") == serve.has("split")) {
            throw InvalidInputException.of(path, "invalid_value", path + " must name either a variant or a split");
        }
        if (serve.has("variant")) {
            return serve.build(() -> new Serve.Fixed(new VariantKey(serve.requiredString("variant"))));
        }
        List<Split.Weight> weights = serve.list("split", (weightPath, weight) -> {
            DocumentReader w = DocumentReader.of(weightPath, weight, WEIGHT_FIELDS);
            String variantName = w.requiredString("variant");
            requireField(w, "weight");
            VariantKey variant = w.build(() -> new VariantKey(variantName));
            int basisPoints = w.integer("weight");
            return w.build(() -> new Split.Weight(variant, basisPoints));
        });
        try {
            return new Serve.Percentage(new Split(weights));
        } catch (InvalidInputException e) {
            throw InvalidInputException.of(
                    path + ".split",
                    e.violations().getFirst().code(),
                    e.violations().getFirst().message());
        }
    }

    public static Map<String, Object> writeServe(Serve serve) {
        return switch (serve) {
            case Serve.Fixed fixed -> Map.of("variant", fixed.variant().value());
            case Serve.Percentage percentage ->
                Map.of(
                        "split",
                        percentage.split().weights().stream()
                                .map(w -> ordered("variant", w.variant().value(), "weight", w.basisPoints()))
                                .toList());
        };
    }

    private static Target readTarget(String path, Object document) {
        DocumentReader target = DocumentReader.of(path, document, TARGET_FIELDS);
        String variantName = target.requiredString("variant");
        VariantKey variant = target.build(() -> new VariantKey(variantName));
        List<String> units = target.list("units", Target.MAX_UNITS, (unitPath, unit) -> {
            if (!(unit instanceof String s)) {
                throw InvalidInputException.of(unitPath, "invalid_type", "a unit id is a string");
            }
            return s;
        });
        return target.build(() -> new Target(variant, new java.util.LinkedHashSet<>(units)));
    }

    private static Map<String, Object> writeTarget(Target target) {
        return ordered("variant", target.variant().value(), "units", List.copyOf(target.units()));
    }

    private static Rule readRule(String path, Object document, Supplier<String> newRuleId) {
        DocumentReader rule = DocumentReader.of(path, document, RULE_FIELDS);
        requireField(rule, "clauses");
        requireField(rule, "serve");
        String givenId = rule.string("id", null);
        RuleId id = rule.build(() -> new RuleId(givenId == null ? newRuleId.get() : givenId));
        List<Clause> clauses = rule.list("clauses", Rule.MAX_CLAUSES, FlagDocuments::readClause);
        Serve serve = readServe(rule.path("serve"), rule.raw("serve"));
        String description = rule.string("description", null);
        return rule.build(() -> new Rule(id, description, clauses, serve));
    }

    private static Map<String, Object> writeRule(Rule rule) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", rule.id().value());
        if (rule.description() != null) {
            document.put("description", rule.description());
        }
        document.put(
                "clauses",
                rule.clauses().stream().map(FlagDocuments::writeClause).toList());
        document.put("serve", writeServe(rule.serve()));
        return document;
    }

    private static Map<String, Object> writeRuleForEvaluation(Rule rule) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", rule.id().value());
        document.put(
                "clauses",
                rule.clauses().stream()
                        .map(FlagDocuments::writeClauseForEvaluation)
                        .toList());
        document.put("serve", writeServe(rule.serve()));
        return document;
    }

    private static Map<String, Object> writeClauseForEvaluation(Clause clause) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("attribute", clause.attribute());
        document.put("operator", clause.operator().wireName());
        if (!clause.values().isEmpty()) {
            document.put("values", clause.values());
        }
        if (clause.negate()) {
            document.put("negate", true);
        }
        if (clause.ignoreCase()) {
            document.put("ignore_case", true);
        }
        return document;
    }

    private static Clause readClause(String path, Object document) {
        DocumentReader clause = DocumentReader.of(path, document, CLAUSE_FIELDS);
        String attribute = clause.requiredString("attribute");
        String operatorName = clause.requiredString("operator");
        Operator operator = clause.build(() -> Operator.fromWireName("operator", operatorName));
        List<Object> values = clause.list("values", Clause.MAX_VALUES, (valuePath, value) -> {
            Object normalised = DocumentReader.normalise(value);
            if (!(normalised instanceof String || normalised instanceof BigDecimal || normalised instanceof Boolean)) {
                throw InvalidInputException.of(
                        valuePath, "invalid_type", "clause values are strings, numbers or booleans");
            }
            return normalised;
        });
        boolean negate = clause.bool("negate", false);
        boolean ignoreCase = clause.bool("ignore_case", false);
        return clause.build(() -> new Clause(attribute, operator, values, negate, ignoreCase));
    }

    private static Map<String, Object> writeClause(Clause clause) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("attribute", clause.attribute());
        document.put("operator", clause.operator().wireName());
        document.put("values", clause.values());
        document.put("negate", clause.negate());
        document.put("ignore_case", clause.ignoreCase());
        return document;
    }

    private static Variant readVariant(String path, Object document) {
        DocumentReader variant = DocumentReader.of(path, document, VARIANT_FIELDS);
        String keyName = variant.requiredString("key");
        if (!(document instanceof Map<?, ?> map) || !map.containsKey("value")) {
            throw InvalidInputException.of(variant.path("value"), "required", "value is required");
        }
        VariantKey key = variant.build(() -> new VariantKey(keyName));
        Object value = DocumentReader.normalise(variant.raw("value"));
        String description = variant.string("description", null);
        return variant.build(() -> new Variant(key, value, description));
    }

    /** A two-field object whose fields keep their order, so documents read the same every time. */
    private static Map<String, Object> ordered(String firstName, Object first, String secondName, Object second) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put(firstName, first);
        document.put(secondName, second);
        return document;
    }

    private static void requireField(DocumentReader document, String field) {
        if (!document.has(field)) {
            throw InvalidInputException.of(document.path(field), "required", field + " is required");
        }
    }
}
