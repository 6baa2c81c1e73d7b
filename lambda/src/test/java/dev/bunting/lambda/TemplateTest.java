package dev.bunting.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The SAM template at the repository root: valid for SAM, and consistent with itself and with this module. */
class TemplateTest {

    private static final Path ROOT = repositoryRoot();
    /** BUNTING_SHARED_DIR (which .ci/run sets), else the shared directory beside the repository. */
    private static final Path SHARED_SCHEMA = (System.getenv("BUNTING_SHARED_DIR") != null
            ? Path.of(System.getenv("BUNTING_SHARED_DIR")) : ROOT.resolve("../shared").normalize())
            .resolve("vendor-data/sam-schema/sam.schema.json");
    /** ${Name} or ${Name.Attr} in a Fn::Sub string; ${!Literal} is an escape, not a reference. */
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private static JsonNode template() throws IOException {
        return CloudFormationYaml.read(Files.readString(ROOT.resolve("template.yaml")));
    }

    @Test
    void the_template_is_valid_against_the_SAM_schema() throws IOException {
        assertThat(SamSchema.violations(template())).isEmpty();
    }

    @Test
    void the_schema_copy_in_test_resources_is_the_shared_vendored_file() throws IOException {
        assumeTrue(Files.exists(SHARED_SCHEMA), "no shared schema at " + SHARED_SCHEMA + " to compare with; the copy is used as it is");
        try (InputStream copy = TemplateTest.class.getResourceAsStream(SamSchema.RESOURCE)) {
            assertThat(copy).as("the schema copy in src/test/resources").isNotNull();
            assertThat(copy.readAllBytes()).isEqualTo(Files.readAllBytes(SHARED_SCHEMA));
        }
    }

    @Test
    void the_validator_rejects_an_unknown_property_on_the_http_api() throws IOException {
        JsonNode broken = template();
        ((ObjectNode) broken.at("/Resources/BuntingHttpApi/Properties")).put("CorsConfigurationX", true);

        assertThat(SamSchema.violations(broken)).isNotEmpty();
    }

    @Test
    void the_validator_rejects_a_misspelt_property_of_the_function_event() throws IOException {
        JsonNode broken = template();
        ((ObjectNode) broken.at("/Resources/BuntingFunction/Properties/Events/AnyRequest/Properties")).put("Pathh", "/flags");

        assertThat(SamSchema.violations(broken)).isNotEmpty();
    }

    @Test
    void the_validator_rejects_a_code_uri_of_the_wrong_type() throws IOException {
        JsonNode broken = template();
        ((ObjectNode) broken.at("/Resources/BuntingFunction/Properties")).put("CodeUri", 42);

        assertThat(SamSchema.violations(broken)).isNotEmpty();
    }

    @Test
    void the_function_handler_names_a_request_handler_class_of_this_module() throws Exception {
        String handler = template().at("/Resources/BuntingFunction/Properties/Handler").asText();
        String[] classAndMethod = handler.split("::");

        assertThat(classAndMethod).hasSize(2);
        Class<?> type = Class.forName(classAndMethod[0]);
        assertThat(RequestHandler.class).isAssignableFrom(type);
        assertThat(classAndMethod[1]).isEqualTo("handleRequest");
        assertThat(type.getConstructor()).as("the public no-argument constructor Lambda calls").isNotNull();
    }

    @Test
    void the_code_uri_is_the_jar_this_module_builds() throws IOException {
        String jar = System.getProperty("bunting.lambda.jar");
        assertThat(jar).as("system property bunting.lambda.jar, which the Maven build sets").isNotNull();

        assertThat(template().at("/Resources/BuntingFunction/Properties/CodeUri").asText()).isEqualTo("lambda/target/" + jar);
    }

    @Test
    void the_function_runs_java_21_with_snap_start_behind_the_http_api_default_route() throws IOException {
        JsonNode template = template();
        JsonNode function = template.at("/Resources/BuntingFunction/Properties");
        JsonNode globals = template.at("/Globals/Function");

        assertThat(globals.at("/Runtime").asText()).isEqualTo("java21");
        assertThat(function.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(function.at("/AutoPublishAlias").asText()).isNotBlank();
        assertThat(function.at("/Environment/Variables/BUNTING_DATABASE_URL/Ref").asText()).isEqualTo("DatabaseUrl");
        assertThat(template.at("/Parameters/DatabaseUrl/NoEcho").asBoolean()).isTrue();
        // a Redis URL may carry a password
        assertThat(template.at("/Parameters/RedisUrl/NoEcho").asBoolean()).isTrue();
        assertThat(template.at("/Globals/Function/Architectures/0").asText()).isEqualTo("arm64");
        JsonNode event = function.at("/Events/AnyRequest");
        assertThat(event.at("/Type").asText()).isEqualTo("HttpApi");
        assertThat(event.at("/Properties/ApiId/Ref").asText()).isEqualTo("BuntingHttpApi");
        assertThat(event.at("/Properties").has("Path")).as("no Path, so SAM routes $default here").isFalse();
        assertThat(template.at("/Resources/BuntingHttpApi/Type").asText()).isEqualTo("AWS::Serverless::HttpApi");
    }

    @Test
    void every_reference_names_a_parameter_or_resource_of_the_template() throws IOException {
        JsonNode template = template();
        Set<String> declared = new HashSet<>();
        template.path("Parameters").fieldNames().forEachRemaining(declared::add);
        template.path("Resources").fieldNames().forEachRemaining(declared::add);
        List<String> references = new ArrayList<>();
        collectReferences(template, references);

        assertThat(references).isNotEmpty();
        assertThat(references).allSatisfy(name -> assertThat(name.startsWith("AWS::") || declared.contains(name))
                .as("%s is a parameter, a resource or a pseudo parameter", name).isTrue());
    }

    /** The names that Ref, Fn::GetAtt and Fn::Sub point at, anywhere in the template. */
    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "Ref" -> references.add(value.asText());
                    case "Fn::GetAtt" -> references.add(value.get(0).asText());
                    case "Fn::Sub" -> {
                        // the list form ["text", {Name: value}] defines its own variables, which are not references
                        JsonNode local = value.isArray() ? value.path(1) : null;
                        Matcher matcher = SUB_VARIABLE.matcher(value.isArray() ? value.get(0).asText() : value.asText());
                        while (matcher.find()) {
                            String name = matcher.group(1).split("\\.")[0];
                            if (local == null || !local.has(name)) {
                                references.add(name);
                            }
                        }
                    }
                    default -> { }
                }
                collectReferences(value, references);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectReferences(element, references));
        }
    }

    /** The directory holding mvnw, found from wherever the tests run (the module, or the repository root). */
    static Path repositoryRoot() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no mvnw above " + System.getProperty("user.dir") + "; run the tests inside the repository");
    }
}
