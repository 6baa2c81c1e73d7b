package dev.bunting.lambda;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Reads a CloudFormation/SAM template written in YAML into the JSON it stands for. CloudFormation's short tags
 * ({@code !Ref X}, {@code !GetAtt Res.Attr}, {@code !Sub "..."}) become their long forms ({@code {"Ref": "X"}},
 * {@code {"Fn::GetAtt": ["Res", "Attr"]}}, {@code {"Fn::Sub": "..."}}), which is what the SAM schema describes.
 * A plain YAML parser would drop the tags and leave bare strings, which then validate as anything.
 */
final class CloudFormationYaml {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final Set<String> FUNCTIONS = Set.of(
            "Base64",
            "Cidr",
            "FindInMap",
            "GetAtt",
            "GetAZs",
            "ImportValue",
            "Join",
            "Select",
            "Split",
            "Sub",
            "Transform",
            "And",
            "Equals",
            "If",
            "Not",
            "Or",
            "ToJsonString",
            "Length");

    private CloudFormationYaml() {}

    static JsonNode read(String yaml) {
        try (YAMLParser parser = (YAMLParser) YAML.createParser(yaml)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("the template is empty");
            }
            return value(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the value at the current token; its tag must be read before the parser moves past it. */
    private static JsonNode value(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonNode value =
                switch (parser.currentToken()) {
                    case START_OBJECT -> object(parser);
                    case START_ARRAY -> array(parser);
                    case VALUE_STRING -> NODES.textNode(parser.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser);
                    case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
                    case VALUE_NULL -> NODES.nullNode();
                    default ->
                        throw new IllegalArgumentException(
                                "unexpected " + parser.currentToken() + " at " + parser.currentLocation());
                };
        return tag == null || tag.startsWith("tag:yaml.org,2002:") ? value : intrinsic(tag, value);
    }

    /** The same node types a JSON parser would give, so that trees compare equal. */
    private static JsonNode number(YAMLParser parser) throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            case BIG_INTEGER -> NODES.numberNode(parser.getBigIntegerValue());
            case FLOAT, DOUBLE -> NODES.numberNode(parser.getDoubleValue());
            case BIG_DECIMAL -> NODES.numberNode(parser.getDecimalValue());
        };
    }

    private static ObjectNode object(YAMLParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            object.set(name, value(parser));
        }
        return object;
    }

    private static ArrayNode array(YAMLParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(parser));
        }
        return array;
    }

    private static JsonNode intrinsic(String tag, JsonNode argument) {
        ObjectNode function = NODES.objectNode();
        if (tag.equals("Ref") || tag.equals("Condition")) {
            return function.set(tag, argument);
        }
        if (!FUNCTIONS.contains(tag)) {
            throw new IllegalArgumentException("!" + tag + " is not a CloudFormation intrinsic function");
        }
        if (tag.equals("GetAtt") && argument.isTextual()) {
            // "Resource.Attribute": the resource name holds no dot, the attribute may (Endpoint.Address)
            String text = argument.textValue();
            int dot = text.indexOf('.');
            if (dot <= 0 || dot == text.length() - 1) {
                throw new IllegalArgumentException("!GetAtt " + text + " should read Resource.Attribute");
            }
            argument = NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
        }
        return function.set("Fn::" + tag, argument);
    }
}
