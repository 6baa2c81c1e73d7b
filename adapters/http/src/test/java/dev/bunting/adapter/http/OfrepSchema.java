package dev.bunting.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schemas of the vendored OFREP document ({@value #RESOURCE}), as JSON Schema 2020-12, which OpenAPI 3.1 uses.
 *
 * <p>Two of the document's unions cannot hold for any value as written, so they are tightened here, and only here:
 * {@code codeDefaultFlag} (an object with no declared properties) matches every evaluation, and an integral value
 * matches both {@code integerFlag} and {@code floatFlag}, so {@code oneOf} would fail for every success. The
 * tightened forms say what the prose says: a code default has no {@code value}, and a float is not integral.
 */
final class OfrepSchema {

    static final String RESOURCE = "/ofrep/openapi.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNode DOCUMENT = load();
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private OfrepSchema() {}

    /** @return one line per violation of {@code #/components/schemas/<name>}, empty when {@code json} conforms */
    static List<String> violations(String name, JsonNode json) {
        Schema schema = SCHEMAS.computeIfAbsent(name, OfrepSchema::schema);
        return schema.validate(json.toString(), InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    private static Schema schema(String name) {
        ObjectNode root = DOCUMENT.deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + name);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(root.toString(), InputFormat.JSON);
    }

    private static JsonNode load() {
        try (InputStream in = OfrepSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is missing from the test classpath; copy it from ../shared/vendor-data/ofrep");
            }
            ObjectNode document = (ObjectNode) YAML.readTree(in);
            ObjectNode schemas = (ObjectNode) document.path("components").path("schemas");
            schemas.set(
                    "codeDefaultFlag", YAML.readTree("{\"type\": \"object\", \"not\": {\"required\": [\"value\"]}}"));
            ((ObjectNode) schemas.path("floatFlag").path("properties").path("value"))
                    .set("not", YAML.readTree("{\"type\": \"integer\"}"));
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
