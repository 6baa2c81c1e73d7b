package dev.bunting.domain.flag;

import dev.bunting.domain.InvalidInputException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The type of value a flag serves. */
public enum FlagKind {
    BOOLEAN,
    STRING,
    NUMBER,
    JSON;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FlagKind fromWireName(String field, String name) {
        if (name != null) {
            for (FlagKind kind : values()) {
                if (kind.wireName().equals(name)) {
                    return kind;
                }
            }
        }
        throw InvalidInputException.of(field, "invalid_value", field + " must be one of boolean, string, number, json");
    }

    /**
     * Whether {@code value} is a value of this kind. JSON values are the plain Java forms of JSON documents:
     * maps with string keys, lists, strings, {@link BigDecimal} numbers, booleans and null.
     */
    public boolean accepts(@Nullable Object value) {
        return switch (this) {
            case BOOLEAN -> value instanceof Boolean;
            case STRING -> value instanceof String;
            case NUMBER -> value instanceof BigDecimal;
            case JSON -> isJsonDocument(value);
        };
    }

    private static boolean isJsonDocument(@Nullable Object value) {
        return switch (value) {
            case null -> true;
            case String s -> true;
            case BigDecimal n -> true;
            case Boolean b -> true;
            case List<?> list -> list.stream().allMatch(FlagKind::isJsonDocument);
            case Map<?, ?> map ->
                map.entrySet().stream().allMatch(e -> e.getKey() instanceof String && isJsonDocument(e.getValue()));
            default -> false;
        };
    }
}
