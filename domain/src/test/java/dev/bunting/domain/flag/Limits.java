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

    private Limits() {}

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
            Rule next =
                    rule(rules.size(), new Clause(TESTED, Operator.CONTAINS, needles(rules.size(), 40), true, false));
            long grown = size(List.of(next)) - size(List.of()) + 1;
            if (size + grown > FlagConfig.MAX_SIZE) {
                break;
            }
            rules.add(next);
            size += grown;
        }
        return new FlagConfig(true, VariantKey.FALSE, List.of(), rules, new Serve.Fixed(VariantKey.TRUE));
    }

    /**
     * The largest context, and the costliest against {@link #largestConfig()}: the tested attribute is a list of strings
     * as long as allowed, as many as the total allows, so that every pattern is matched against all of them.
     */
    public static Map<String, Object> largestContext() {
        int room = EvaluationContext.MAX_TOTAL_LENGTH
                - TESTED.length()
                - "targetingKey".length()
                - "heavy-client".length();
        // each element counts for its characters and one more, as a list's separator in JSON would
        int elements = room / (EvaluationContext.MAX_TEXT_LENGTH + 1);
        List<Object> texts = new ArrayList<>(elements);
        for (int i = 0; i < elements; i++) {
            texts.add("ab".repeat(EvaluationContext.MAX_TEXT_LENGTH / 2));
        }
        Map<String, Object> context = new java.util.LinkedHashMap<>();
        context.put("targetingKey", "heavy-client");
        context.put(TESTED, texts);
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
        return DocumentReader.jsonLength(
                FlagDocuments.writeConfig(true, VariantKey.FALSE, List.of(), rules, new Serve.Fixed(VariantKey.TRUE)));
    }
}
