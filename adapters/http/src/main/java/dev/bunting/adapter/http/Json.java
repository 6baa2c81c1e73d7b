package dev.bunting.adapter.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON for the API: strict on the way in (unknown fields, wrong types, trailing garbage, excessive nesting and sizes
 * are 400s with the field's path), plain on the way out.
 */
public final class Json {

    static final int MAX_NESTING_DEPTH = 32;
    static final int MAX_STRING_LENGTH = 100_000;

    private final ObjectMapper mapper;

    @jakarta.inject.Inject
    public Json() {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                // bodies pass through a tree (for the text check): keep numbers as sent, 1.50 not 1.5
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(100)
                        .build());
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        this.mapper = mapper;
    }

    /**
     * Reads a request body as {@code type}; any problem becomes a 400 naming the offending field. Every string in the
     * body, field names included, passes {@link InputText} first, whatever the type reads of it.
     */
    <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new ProblemException(Problem.badRequest("", "required", "a JSON body is required"));
        }
        try {
            JsonNode tree = mapper.readTree(body);
            checkText(tree, "", null);
            T value = mapper.treeToValue(tree, type);
            if (value == null) {
                throw new ProblemException(Problem.badRequest("", "required", "a JSON body is required"));
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ProblemException(
                    Problem.badRequest(path(e), "unknown_field", "unknown field '" + e.getPropertyName() + "'"));
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw new ProblemException(Problem.badRequest(
                    field,
                    "invalid_type",
                    (field.isEmpty() ? "the body" : field) + " has the wrong type" + expected(e)));
        } catch (StreamConstraintsException e) {
            throw new ProblemException(Problem.badRequest(
                    "",
                    "too_large",
                    "the body exceeds a JSON limit (nesting depth " + MAX_NESTING_DEPTH + ", string length "
                            + MAX_STRING_LENGTH + ")"));
        } catch (JsonMappingException e) {
            throw new ProblemException(
                    Problem.badRequest(path(e), "invalid_value", "the body does not fit the expected shape"));
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.badRequest(
                    "",
                    "malformed_json",
                    "the body is not well-formed JSON"
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ", column "
                                            + e.getLocation().getColumnNr() + ")")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a body that must be a JSON object, as a plain tree. */
    @SuppressWarnings("unchecked")
    Map<String, Object> readObject(byte[] body) {
        return read(body, Map.class);
    }

    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response could not be written as JSON", e);
        }
    }

    private static void checkText(JsonNode node, String path, String fieldName) {
        if (node.isTextual()) {
            InputText.checkValue(path, fieldName, node.textValue());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                InputText.checkLine(path, field.getKey());
                checkText(
                        field.getValue(),
                        path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                        field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkText(node.get(i), path + "[" + i + "]", null);
            }
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String expected(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target == null) {
            return "";
        }
        if (target == String.class) return ": expected a string";
        if (target == Boolean.class || target == boolean.class) return ": expected true or false";
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) return ": expected a number";
        if (java.util.List.class.isAssignableFrom(target)) return ": expected an array";
        if (Map.class.isAssignableFrom(target) || target.isRecord()) return ": expected an object";
        return "";
    }
}
