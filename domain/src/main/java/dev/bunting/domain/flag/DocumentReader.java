package dev.bunting.domain.flag;

import dev.bunting.domain.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** Reads one JSON object, as plain Java values, strictly: unknown fields and wrong types fail with the field's path. */
final class DocumentReader {

    private final String path;
    private final Map<?, ?> fields;

    private DocumentReader(String path, Map<?, ?> fields) {
        this.path = path;
        this.fields = fields;
    }

    static DocumentReader of(String path, @Nullable Object document, Set<String> allowedFields) {
        if (!(document instanceof Map<?, ?> map)) {
            throw InvalidInputException.of(path, "invalid_type", label(path) + " must be a JSON object");
        }
        for (Object name : map.keySet()) {
            if (!allowedFields.contains(name)) {
                throw InvalidInputException.of(
                        join(path, String.valueOf(name)), "unknown_field", "unknown field '" + name + "'");
            }
        }
        return new DocumentReader(path, map);
    }

    String path(String field) {
        return join(path, field);
    }

    boolean has(String field) {
        return fields.get(field) != null;
    }

    @Nullable
    Object raw(String field) {
        return fields.get(field);
    }

    /** A string field the document must have, refused as required when it is absent. */
    String requiredString(String field) {
        String value = string(field, null);
        if (value == null) {
            throw InvalidInputException.of(path(field), "required", field + " is required");
        }
        return value;
    }

    @Nullable
    String string(String field, @Nullable String fallback) {
        Object value = fields.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw typeError(field, "a string");
        }
        return s;
    }

    boolean bool(String field, boolean fallback) {
        Object value = fields.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw typeError(field, "true or false");
        }
        return b;
    }

    int integer(String field) {
        Object value = fields.get(field);
        BigDecimal number = DocumentReader.number(value);
        if (number == null) {
            throw typeError(field, "a whole number");
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            throw typeError(field, "a whole number");
        }
    }

    <T> List<T> list(String field, BiFunction<String, Object, T> element) {
        return list(field, Integer.MAX_VALUE, element);
    }

    /** A list of at most {@code maxSize} elements, refused before any element is read when it holds more. */
    <T> List<T> list(String field, int maxSize, BiFunction<String, Object, T> element) {
        Object value = fields.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw typeError(field, "an array");
        }
        if (items.size() > maxSize) {
            throw InvalidInputException.of(
                    path(field), "too_many", field + " may hold at most " + maxSize + " entries");
        }
        List<T> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String elementPath = path(field) + "[" + i + "]";
            try {
                result.add(element.apply(elementPath, items.get(i)));
            } catch (InvalidInputException e) {
                throw e.violations().getFirst().field().startsWith(elementPath) ? e : e.under(elementPath);
            }
        }
        return result;
    }

    /**
     * The length of a document's compact JSON text, in characters: strings with their quotes and escapes (a control
     * character counted as a six-character escape), numbers as written, and the punctuation between them.
     */
    static long jsonLength(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                long length = 2 + Math.max(0, map.size() - 1);
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    length += jsonLength(String.valueOf(entry.getKey())) + 1 + jsonLength(entry.getValue());
                }
                yield length;
            }
            case List<?> list -> {
                long length = 2 + Math.max(0, list.size() - 1);
                for (Object element : list) {
                    length += jsonLength(element);
                }
                yield length;
            }
            case String text -> {
                long length = 2 + text.length();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    length += c == '"' || c == '\\' ? 1 : c < 0x20 ? 5 : 0;
                }
                yield length;
            }
            case BigDecimal number -> number.toString().length();
            case null -> 4;
            default -> String.valueOf(value).length();
        };
    }

    /** Runs a value object's constructor, re-rooting its violations under this document's path. */
    <T> T build(java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidInputException e) {
            return rethrowUnder(e);
        }
    }

    private <T> T rethrowUnder(InvalidInputException e) {
        // a type error this reader raised inside the constructor call already carries the full path
        boolean alreadyRooted = e.violations().getFirst().field().startsWith(path + ".");
        throw path.isEmpty() || alreadyRooted ? e : e.under(path);
    }

    /** JSON numbers arrive as Integer, Long, BigInteger, Double or BigDecimal depending on the parser; all become BigDecimal. */
    static @Nullable BigDecimal number(@Nullable Object value) {
        return switch (value) {
            case BigDecimal n -> n;
            case Integer n -> BigDecimal.valueOf(n);
            case Long n -> BigDecimal.valueOf(n);
            case BigInteger n -> new BigDecimal(n);
            case Double n when Double.isFinite(n) -> BigDecimal.valueOf(n);
            case null, default -> null;
        };
    }

    /** A JSON value with every number as BigDecimal, so values compare by what they say, not how they were parsed. */
    static @Nullable Object normalise(@Nullable Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof BigDecimal) {
            // most values are plain already, and an SDK normalises each attribute it reads: tested before the type
            // switch, whose dispatch took more of a read's time than anything but the look-up itself
            return value;
        }
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> copy = new java.util.LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), normalise(v)));
                yield java.util.Collections.unmodifiableMap(copy);
            }
            case List<?> list ->
                java.util.Collections.unmodifiableList(new ArrayList<>(
                        list.stream().map(DocumentReader::normalise).toList()));
            case Number n -> {
                BigDecimal decimal = number(n);
                yield decimal == null ? n : decimal;
            }
            case null, default -> value;
        };
    }

    InvalidInputException typeError(String field, String expected) {
        return InvalidInputException.of(path(field), "invalid_type", field + " must be " + expected);
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String label(String path) {
        return path.isEmpty() ? "the body" : path;
    }
}
