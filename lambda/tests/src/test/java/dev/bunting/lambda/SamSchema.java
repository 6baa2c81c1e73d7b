package dev.bunting.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The AWS SAM template schema (draft-04), from the copy in test resources so the check never depends on a file
 * outside the module. The validator works on Jackson 3 trees and the template is read with Jackson 2, so the two
 * meet as JSON text.
 */
final class SamSchema {

    static final String RESOURCE = "/sam.schema.json";

    private static final Schema SCHEMA = load();

    private SamSchema() {}

    /** @return one line per violation, empty when the template is valid */
    static List<String> violations(JsonNode template) {
        return SCHEMA.validate(template.toString(), InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    private static Schema load() {
        try (InputStream in = SamSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE
                        + " is missing from the test classpath; copy it from ../shared/vendor-data/sam-schema");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
