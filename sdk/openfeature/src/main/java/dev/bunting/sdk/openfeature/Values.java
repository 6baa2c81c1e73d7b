package dev.bunting.sdk.openfeature;

import dev.openfeature.sdk.MutableStructure;
import dev.openfeature.sdk.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenFeature's {@link Value}s to and from the plain JSON forms Bunting evaluates and serves. */
final class Values {

    private Values() {}

    /** Strings, booleans, numbers (as BigDecimal), lists, maps; instants as ISO-8601 text; null for null. */
    static Map<String, Object> toPlain(Map<String, Value> values) {
        Map<String, Object> plain = new HashMap<>(values.size() * 2);
        values.forEach((name, value) -> plain.put(name, toPlain(value)));
        return plain;
    }

    static Object toPlain(Value value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isNumber()) {
            if (value.asObject() instanceof Integer n) {
                // the common case, before the type switch's dispatch
                return BigDecimal.valueOf(n);
            }
            return switch (value.asObject()) {
                case Long n -> BigDecimal.valueOf(n);
                case Double n when Double.isFinite(n) -> BigDecimal.valueOf(n);
                case Object n -> dev.bunting.domain.flag.FlagDocuments.normalise(n);
            };
        }
        if (value.isInstant()) {
            return value.asInstant().toString();
        }
        if (value.isList()) {
            List<Object> list = new ArrayList<>();
            for (Value element : value.asList()) {
                list.add(toPlain(element));
            }
            return list;
        }
        if (value.isStructure()) {
            return toPlain(value.asStructure().asMap());
        }
        return null;
    }

    /** A JSON flag's value as OpenFeature's; numbers become integers when they are whole and fit, else doubles. */
    static Value toValue(Object plain) {
        return switch (plain) {
            case null -> new Value();
            case Boolean b -> new Value(b);
            case String s -> new Value(s);
            case BigDecimal n -> number(n);
            case List<?> list -> {
                List<Value> values = new ArrayList<>(list.size());
                for (Object element : list) {
                    values.add(toValue(element));
                }
                yield new Value(values);
            }
            case Map<?, ?> map -> {
                Map<String, Value> fields = new LinkedHashMap<>();
                map.forEach((name, field) -> fields.put(String.valueOf(name), toValue(field)));
                yield new Value(new MutableStructure(fields));
            }
            default -> new Value(plain.toString());
        };
    }

    private static Value number(BigDecimal n) {
        try {
            return new Value(n.intValueExact());
        } catch (ArithmeticException e) {
            return new Value(n.doubleValue());
        }
    }
}
