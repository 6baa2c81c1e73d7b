package dev.bunting.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The schemas of Bunting's own OpenAPI document, as JSON Schema 2020-12, which OpenAPI 3.1 uses. */
final class ApiSchema {

    private ApiSchema() {}

    /** @return one line per violation of {@code #/components/schemas/<name>}, empty when {@code json} conforms */
    static List<String> violations(String name, JsonNode json) {
        ObjectNode root = document();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + name);
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(root.toString(), InputFormat.JSON);
        return schema.validate(json.toString(), InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    private static ObjectNode document() {
        try (InputStream in = ApiSchema.class.getResourceAsStream(HealthRoutes.OPENAPI_RESOURCE)) {
            return (ObjectNode) TestApi.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
