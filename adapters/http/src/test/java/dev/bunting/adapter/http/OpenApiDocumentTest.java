package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bunting.spec.Spec;
import dev.bunting.spec.Specification;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the routes HttpApi serves, and is served itself. */
class OpenApiDocumentTest {

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private final JsonNode document = read();
    private final TestApi api = new TestApi();

    private static JsonNode read() {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(HealthRoutes.OPENAPI_RESOURCE)) {
            assertThat(in).as("the OpenAPI resource").isNotNull();
            return TestApi.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new AssertionError("openapi.json is not JSON", e);
        }
    }

    private Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    if (HTTP_METHODS.contains(operation.getKey())) {
                        operations.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        return operations;
    }

    @Test
    void every_operation_declares_the_credentials_the_router_asks_for() {
        for (String signature : api.api.routeSignatures()) {
            String method = signature.substring(0, signature.indexOf(' ')).toLowerCase(Locale.ROOT);
            String path = signature.substring(signature.indexOf(' ') + 1);
            JsonNode operation = document.path("paths").path(path).path(method);
            List<String> schemes = new ArrayList<>();
            operation
                    .path("security")
                    .forEach(requirement -> schemes.add(
                            requirement.isEmpty()
                                    ? "none"
                                    : requirement.fieldNames().next()));

            if (!RouteSecurityTest.OPEN.contains(signature)) {
                assertThat(schemes).as("security of %s", signature).containsExactly("bearer", "apiKey");
                assertThat(operation.path("responses").has("401"))
                        .as("401 of %s", signature)
                        .isTrue();
            } else if (path.equals(SdkRoutes.STREAM)) {
                assertThat(schemes)
                        .as("security of %s", signature)
                        .containsExactly("none", "bearer", "apiKey", "sdkKey", "sdkKeyQuery");
                assertThat(operation.path("responses").has("401")
                                && operation.path("responses").has("403"))
                        .as("401, 403 of %s", signature)
                        .isTrue();
            } else if (path.startsWith("/evaluate")
                    || path.startsWith("/ofrep/")
                    || path.startsWith("/sdk/")
                    || path.equals("/events")) {
                assertThat(schemes)
                        .as("security of %s", signature)
                        .containsExactly("none", "bearer", "apiKey", "sdkKey");
                assertThat(operation.path("responses").has("401")
                                && operation.path("responses").has("403"))
                        .as("401, 403 of %s", signature)
                        .isTrue();
            } else {
                assertThat(schemes).as("security of %s", signature).isEmpty();
            }
        }
        assertThat(document.at("/components/securitySchemes/apiKey/name").asText())
                .isEqualTo(Authenticator.API_KEY_HEADER);
        assertThat(document.at("/components/securitySchemes/sdkKey/name").asText())
                .isEqualTo(Authenticator.SDK_KEY_HEADER);
        assertThat(document.at("/components/securitySchemes/sdkKeyQuery/name").asText())
                .isEqualTo(Authenticator.KEY_PARAMETER);
    }

    @Test
    void every_evaluation_documents_the_stale_config_header_and_the_unavailable_store() {
        List<String> evaluations = api.api.routeSignatures().stream()
                .filter(s -> s.contains(" /evaluate") || s.contains(" /ofrep/"))
                .toList();
        assertThat(evaluations).hasSize(5);
        for (String signature : evaluations) {
            String method = signature.substring(0, signature.indexOf(' ')).toLowerCase(Locale.ROOT);
            JsonNode responses = document.path("paths")
                    .path(signature.substring(signature.indexOf(' ') + 1))
                    .path(method)
                    .path("responses");
            assertThat(responses.path("200").path("headers").has(Responses.CONFIG_STALE))
                    .as("stale header of %s", signature)
                    .isTrue();
            assertThat(resolve(responses.path("503")).path("headers").has("Retry-After"))
                    .as("503 of %s", signature)
                    .isTrue();
        }
    }

    @Test
    void is_an_open_api31_document() {
        assertThat(document.path("openapi").asText()).matches("3\\.1\\.\\d+");
        assertThat(document.path("info").path("title").asText()).isNotBlank();
    }

    @Test
    void documents_exactly_the_routes_the_api_serves() {
        Set<String> served = new TreeSet<>(api.api.routeSignatures());
        Set<String> documented = documentedOperations();

        assertThat(served)
                .as("no route is served twice")
                .hasSize(api.api.routeSignatures().size());
        assertThat(served).as("served but not documented").isSubsetOf(documented);
        assertThat(documented).as("documented but not served").isSubsetOf(served);
        assertThat(documented)
                .contains(
                        "GET /flags/{key}/environments/{env}",
                        "DELETE /flags/{key}/environments/{env}/targets/{variant}/{unit}");
    }

    @Test
    void every_operation_has_an_id_and_responses() {
        Set<String> operationIds = new HashSet<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    if (HTTP_METHODS.contains(operation.getKey())) {
                        String name = operation.getKey() + " " + path.getKey();
                        assertThat(operation.getValue().path("responses").size())
                                .as("responses of %s", name)
                                .isPositive();
                        assertThat(operationIds.add(
                                        operation.getValue().path("operationId").asText()))
                                .as("unique operationId of %s", name)
                                .isTrue();
                    }
                }));
    }

    @Test
    void every_path_variable_is_declared_as_a_required_path_parameter() {
        Pattern variable = Pattern.compile("\\{([a-z]+)}");
        document.path("paths").properties().forEach(path -> {
            List<String> declared = new ArrayList<>();
            collectPathParameters(path.getValue().path("parameters"), declared);
            path.getValue()
                    .properties()
                    .forEach(operation ->
                            collectPathParameters(operation.getValue().path("parameters"), declared));
            Matcher m = variable.matcher(path.getKey());
            while (m.find()) {
                assertThat(declared).as("parameters of %s", path.getKey()).contains(m.group(1));
            }
        });
    }

    private void collectPathParameters(JsonNode parameters, List<String> into) {
        for (JsonNode parameter : parameters) {
            JsonNode resolved = resolve(parameter);
            if (resolved.path("in").asText().equals("path")) {
                assertThat(resolved.path("required").asBoolean())
                        .as("path parameter %s is required", resolved.path("name"))
                        .isTrue();
                into.add(resolved.path("name").asText());
            }
        }
    }

    @Test
    void every_reference_resolves() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);
        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(resolve(TestApi.MAPPER.createObjectNode().put("$ref", reference))
                            .isMissingNode())
                    .as(reference)
                    .isFalse();
        }
    }

    @Specification(
            spec = Spec.RFC_9457,
            clause = "3",
            text =
                    "When serialized in a JSON document, that format is identified with the \"application/problem+json\" media type.")
    @Test
    void every_kind_of_problem_is_documented_so_clients_can_branch_on_its_type() {
        String described =
                document.at("/components/schemas/Problem/description").asText();
        Matcher listed = Pattern.compile("/problems/\\{([^}]*)}").matcher(described);
        assertThat(listed.find()).as("the Problem schema lists the types").isTrue();

        Set<String> documented = new TreeSet<>(List.of(listed.group(1).split(", ")));
        Set<String> answered = new TreeSet<>();
        for (ProblemType type : ProblemType.values()) {
            answered.add(type.slug());
        }
        assertThat(documented).isEqualTo(answered);
    }

    @Test
    void problems_are_described_as_problem_json_with_field_errors() {
        JsonNode problem = document.at("/components/schemas/Problem/properties");
        assertThat(problem.has("type")
                        && problem.has("title")
                        && problem.has("status")
                        && problem.has("detail")
                        && problem.has("instance"))
                .isTrue();
        assertThat(problem.at("/errors/items/required").toString()).isEqualTo("[\"field\",\"code\",\"message\"]");
        JsonNode conflict = document.at("/components/responses/Conflict/content");
        assertThat(conflict.has("application/problem+json")).isTrue();
        assertThat(document.at("/components/responses/MethodNotAllowed/headers").has("Allow"))
                .isTrue();
        assertThat(document.at("/paths/~1flags~1{key}/put/responses").has("428"))
                .isTrue();
        assertThat(document.at("/paths/~1flags/post/responses").has("415")).isTrue();
        assertThat(document.at("/paths/~1flags/post/responses").has("413")).isTrue();
        assertThat(document.at("/paths/~1flags/post/responses/201/headers").has("ETag"))
                .isTrue();
    }

    @Test
    void config_and_evaluation_schemas_carry_the_closed_sets_the_code_uses() {
        assertThat(enumOf("/components/schemas/Operator/enum"))
                .containsExactly(
                        "in",
                        "eq",
                        "contains",
                        "starts_with",
                        "ends_with",
                        "matches",
                        "gt",
                        "gte",
                        "lt",
                        "lte",
                        "semver_eq",
                        "semver_gt",
                        "semver_lt",
                        "before",
                        "after",
                        "exists");
        assertThat(enumOf("/components/schemas/Operator/enum"))
                .containsExactly(java.util.Arrays.stream(dev.bunting.domain.flag.Operator.values())
                        .map(dev.bunting.domain.flag.Operator::wireName)
                        .toArray(String[]::new));
        assertThat(enumOf("/components/schemas/Reason/enum"))
                .containsExactly(java.util.Arrays.stream(dev.bunting.domain.evaluation.Reason.values())
                        .map(Enum::name)
                        .toArray(String[]::new));
        assertThat(enumOf("/components/schemas/ErrorCode/enum"))
                .containsExactly(java.util.Arrays.stream(dev.bunting.domain.evaluation.ErrorCode.values())
                        .map(Enum::name)
                        .toArray(String[]::new));
        assertThat(enumOf("/components/schemas/FlagKind/enum")).containsExactly("boolean", "string", "number", "json");
        assertThat(document.at("/components/schemas/FlagConfig/properties").has("off_variant"))
                .isTrue();
        assertThat(document.at("/components/schemas/Serve/oneOf/1/properties/split/items/properties/weight/maximum")
                        .asInt())
                .isEqualTo(10000);
    }

    @Test
    void the_document_is_served_at_open_api_json() {
        TestApi.Reply reply = api.call("GET", "/openapi.json");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(reply.json()).isEqualTo(document);
    }

    private List<String> enumOf(String pointer) {
        List<String> values = new ArrayList<>();
        document.at(pointer).forEach(v -> values.add(v.asText()));
        return values;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String pointer = ref.asText();
        assertThat(pointer).startsWith("#/");
        return document.at(pointer.substring(1));
    }

    private static void collectReferences(JsonNode node, List<String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("$ref")) {
                    into.add(field.getValue().asText());
                } else {
                    collectReferences(field.getValue(), into);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectReferences(element, into));
        }
    }
}
