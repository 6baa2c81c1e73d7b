package dev.bunting.domain.evaluation;

import dev.bunting.domain.flag.Clause;
import dev.bunting.domain.flag.Operator;
import dev.bunting.domain.flag.SemanticVersion;
import dev.bunting.domain.flag.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** A clause compiled for evaluation: its values parsed, normalised and indexed once, when the config is prepared. */
final class CompiledClause {

    private final String attribute;
    private final boolean readsTargetingKey;
    private final boolean negate;
    private final boolean exists;
    private final Predicate<Object> single;

    private CompiledClause(String attribute, boolean negate, boolean exists, Predicate<Object> single) {
        this.attribute = attribute;
        this.readsTargetingKey = EvaluationContext.TARGETING_KEY.equals(attribute);
        this.negate = negate;
        this.exists = exists;
        this.single = single;
    }

    /** @throws IllegalArgumentException when a value cannot be compiled (only regular expressions can fail here) */
    static CompiledClause compile(Clause clause, RegexEngine regex) {
        boolean fold = clause.ignoreCase();
        List<Object> values = clause.values();
        Predicate<Object> test =
                switch (clause.operator()) {
                    case IN, EQ -> membership(values, fold);
                    case CONTAINS -> text(values, fold, String::contains);
                    case STARTS_WITH -> text(values, fold, String::startsWith);
                    case ENDS_WITH -> text(values, fold, String::endsWith);
                    case MATCHES -> patterns(values, regex);
                    case GT -> numbers(values, c -> c > 0);
                    case GTE -> numbers(values, c -> c >= 0);
                    case LT -> numbers(values, c -> c < 0);
                    case LTE -> numbers(values, c -> c <= 0);
                    case SEMVER_EQ -> versions(values, c -> c == 0);
                    case SEMVER_GT -> versions(values, c -> c > 0);
                    case SEMVER_LT -> versions(values, c -> c < 0);
                    case BEFORE -> instants(values, c -> c < 0);
                    case AFTER -> instants(values, c -> c > 0);
                    case EXISTS -> value -> true;
                };
        return new CompiledClause(clause.attribute(), clause.negate(), clause.operator() == Operator.EXISTS, test);
    }

    boolean matches(EvaluationContext context) {
        Object value = context.value(attribute, readsTargetingKey);
        if (exists) {
            return (value != null) != negate;
        }
        if (value == null) {
            return false;
        }
        return matchesAny(value) != negate;
    }

    private boolean matchesAny(Object value) {
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element != null && single.test(element)) {
                    return true;
                }
            }
            return false;
        }
        return single.test(value);
    }

    /** The text that {@code in} compares: strings as they are, numbers in plain canonical form, booleans as words. */
    static @Nullable String canonical(Object value) {
        if (value instanceof String s) {
            // the common case, tested before the type switch, whose dispatch costs more than this whole test: every
            // split and every in or eq clause asks for the text of what it reads
            return s;
        }
        return switch (value) {
            case Boolean b -> b.toString();
            case BigDecimal n -> n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
            case Integer n -> n.toString();
            case Long n -> n.toString();
            case Number n -> canonical(new BigDecimal(n.toString()));
            default -> null;
        };
    }

    private static Predicate<Object> membership(List<Object> values, boolean fold) {
        Set<String> accepted = new HashSet<>();
        for (Object value : values) {
            String text = canonical(value);
            if (text != null) {
                accepted.add(fold(text, fold));
            }
        }
        return value -> {
            String text = canonical(value);
            return text != null && accepted.contains(fold(text, fold));
        };
    }

    private interface TextComparison {
        boolean test(String attribute, String value);
    }

    private static Predicate<Object> text(List<Object> values, boolean fold, TextComparison comparison) {
        String[] texts = values.stream().map(v -> fold((String) v, fold)).toArray(String[]::new);
        return value -> {
            if (!(value instanceof String s)) {
                return false;
            }
            String folded = fold(s, fold);
            for (String text : texts) {
                if (comparison.test(folded, text)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Predicate<Object> patterns(List<Object> values, RegexEngine regex) {
        List<Predicate<String>> compiled =
                values.stream().map(v -> regex.compile((String) v)).toList();
        return value -> {
            if (value instanceof String s) {
                for (Predicate<String> pattern : compiled) {
                    if (pattern.test(s)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    private interface ComparisonOutcome {
        boolean accepts(int comparison);
    }

    private static Predicate<Object> numbers(List<Object> values, ComparisonOutcome outcome) {
        BigDecimal[] bounds = values.toArray(BigDecimal[]::new);
        return value -> {
            BigDecimal number = asNumber(value);
            if (number == null) {
                return false;
            }
            for (BigDecimal bound : bounds) {
                if (outcome.accepts(number.compareTo(bound))) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Predicate<Object> versions(List<Object> values, ComparisonOutcome outcome) {
        SemanticVersion[] bounds = values.stream()
                .map(v -> SemanticVersion.parseOrNull((String) v))
                .toArray(SemanticVersion[]::new);
        return value -> {
            SemanticVersion version = value instanceof String s ? SemanticVersion.parseOrNull(s) : null;
            if (version == null) {
                return false;
            }
            for (SemanticVersion bound : bounds) {
                if (outcome.accepts(version.compareTo(bound))) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Predicate<Object> instants(List<Object> values, ComparisonOutcome outcome) {
        Instant[] bounds =
                values.stream().map(v -> Timestamps.parse(v).orElseThrow()).toArray(Instant[]::new);
        return value -> {
            Instant instant = Timestamps.parse(value).orElse(null);
            if (instant == null) {
                return false;
            }
            for (Instant bound : bounds) {
                if (outcome.accepts(instant.compareTo(bound))) {
                    return true;
                }
            }
            return false;
        };
    }

    private static @Nullable BigDecimal asNumber(Object value) {
        if (value instanceof BigDecimal n) {
            // the common case (contexts hold their numbers as BigDecimal), before the type switch's dispatch
            return n;
        }
        return switch (value) {
            case Integer n -> BigDecimal.valueOf(n);
            case Long n -> BigDecimal.valueOf(n);
            case Double n when Double.isFinite(n) -> BigDecimal.valueOf(n);
            case String s when !s.isEmpty() && s.length() <= 64 -> parseNumber(s);
            default -> null;
        };
    }

    private static @Nullable BigDecimal parseNumber(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String fold(String text, boolean fold) {
        return fold ? text.toLowerCase(Locale.ROOT) : text;
    }
}
