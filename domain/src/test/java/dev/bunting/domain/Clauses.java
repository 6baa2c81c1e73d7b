package dev.bunting.domain;

import dev.bunting.domain.flag.Clause;
import dev.bunting.domain.flag.Operator;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Test fixture: {@code Clauses.attribute("age").gte(18)}. Java integers and longs become {@link BigDecimal}, the form the
 * model holds numbers in.
 */
public final class Clauses {

    private Clauses() {}

    public static On attribute(String attribute) {
        return new On(attribute);
    }

    public static Clause clause(String attribute, Operator operator, Object... values) {
        List<Object> normalised = Arrays.stream(values).map(Clauses::number).toList();
        return new Clause(attribute, operator, normalised, false, false);
    }

    private static Object number(Object value) {
        return switch (value) {
            case Integer n -> BigDecimal.valueOf(n);
            case Long n -> BigDecimal.valueOf(n);
            case Double n -> BigDecimal.valueOf(n);
            default -> value;
        };
    }

    public record On(String attribute) {
        public Clause is(Operator operator, Object... values) {
            return clause(attribute, operator, values);
        }

        public Clause in(Object... values) {
            return is(Operator.IN, values);
        }

        public Clause eq(Object value) {
            return is(Operator.EQ, value);
        }

        public Clause contains(String... values) {
            return is(Operator.CONTAINS, (Object[]) values);
        }

        public Clause startsWith(String... values) {
            return is(Operator.STARTS_WITH, (Object[]) values);
        }

        public Clause endsWith(String... values) {
            return is(Operator.ENDS_WITH, (Object[]) values);
        }

        public Clause matches(String... patterns) {
            return is(Operator.MATCHES, (Object[]) patterns);
        }

        public Clause gt(Object value) {
            return is(Operator.GT, value);
        }

        public Clause gte(Object value) {
            return is(Operator.GTE, value);
        }

        public Clause lt(Object value) {
            return is(Operator.LT, value);
        }

        public Clause lte(Object value) {
            return is(Operator.LTE, value);
        }

        public Clause semverEq(String version) {
            return is(Operator.SEMVER_EQ, version);
        }

        public Clause semverGt(String version) {
            return is(Operator.SEMVER_GT, version);
        }

        public Clause semverLt(String version) {
            return is(Operator.SEMVER_LT, version);
        }

        public Clause before(Object instant) {
            return is(Operator.BEFORE, instant);
        }

        public Clause after(Object instant) {
            return is(Operator.AFTER, instant);
        }

        public Clause exists() {
            return new Clause(attribute, Operator.EXISTS, List.of(), false, false);
        }
    }
}
