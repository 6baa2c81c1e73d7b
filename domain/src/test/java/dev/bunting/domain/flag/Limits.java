package dev.bunting.domain.flag;

import dev.bunting.domain.evaluation.EvaluationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Configs and contexts at the limits, built to cost evaluation the most: the heaviest config a user may write, and the
 * largest context a client may send against it.
 */
public final class Limits {

    /** The attribute every heavy clause tests; the largest context fills it. */
    public static final String TESTED = "user_agent";
    /** An attribute no context has, so that the last clause of every rule fails and every rule is tried to its end. */
    private static final Clause NEVER = Clause.of("plan", Operator.IN, "no-such-plan");

    private Limits() {
    }

    /**
     * A boolean config, enabled, within every limit and close to the largest size: as many regular expressions as
     * allowed, each as long as allowed and slow to match, then rules of substrings to search for, up to the size. The
     * largest context matches no rule, but holds every clause until the last of each rule, so evaluating it runs every
     * test; it gets the fallthrough, {@code true}.
     */
    public static FlagConfig largestConfig() {
        List<Rule> rules = new ArrayList<>();
        for (int p = 0; p < FlagConfig.MAX_PATTERNS; p++) {
            rules.add(rule(rules.size(), new Clause(TESTED, Operator.MATCHES, List.of(slowPattern(p)), true, false)));
        }
        long size = size(rules);
        while (rules.size() < FlagConfig.MAX_RULES) {
            Rule next = rule(rules.size(), new Clause(TESTED, Operator.CONTAINS, needles(rules.size(), 40), true, false));
            long grown = size(List.of(next)) - size(List.of()) + 1;
            if (size + grown > FlagConfig.MAX_SIZE) {
                break;
            }
            rules.add(next);
            size += grown;
        }
        return new FlagConfig(true, VariantKey.FALSE, List.of(), rules, new Serve.Fixed(VariantKey.TRUE));
    }

    /** The largest context: its tested attribute as long as allowed, and further attributes up to the total allowed. */
    public static Map<String, Object> largestContext() {
        Map<String, Object> context = new java.util.LinkedHashMap<>();
        context.put("targetingKey", "heavy-client");
        context.put(TESTED, "ab".repeat(EvaluationContext.MAX_TEXT_LENGTH / 2));
        int total = "targetingKey".length() + "heavy-client".length() + TESTED.length() + EvaluationContext.MAX_TEXT_LENGTH;
        for (int i = 0; total + 8 + EvaluationContext.MAX_TEXT_LENGTH <= EvaluationContext.MAX_TOTAL_LENGTH; i++) {
            String name = "extra-" + i;
            context.put(name, "x".repeat(EvaluationContext.MAX_TEXT_LENGTH));
            total += name.length() + EvaluationContext.MAX_TEXT_LENGTH;
        }
        return context;
    }

    private static Rule rule(int index, Clause heavy) {
        return new Rule(new RuleId("rule-" + index), null, List.of(heavy, NEVER), new Serve.Fixed(VariantKey.FALSE));
    }

    /** Alternatives that an input of "abab..." keeps alive at every character, and a final 'q' it never has. */
    private static String slowPattern(int index) {
        StringBuilder pattern = new StringBuilder("(?:");
        String suffix = ")+q" + index;
        for (int i = 0; pattern.length() + 3 + suffix.length() <= Clause.MAX_VALUE_LENGTH; i++) {
            pattern.append(i == 0 ? "" : "|").append('a').append((char) ('b' + i % 24));
        }
        return pattern.append(suffix).toString();
    }

    private static List<Object> needles(int rule, int count) {
        List<Object> needles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            needles.add("needle-" + rule + "-" + i + "-absent");
        }
        return needles;
    }

    private static long size(List<Rule> rules) {
        return DocumentReader.jsonLength(FlagDocuments.writeConfig(true, VariantKey.FALSE, List.of(), rules, new Serve.Fixed(VariantKey.TRUE)));
    }
}
