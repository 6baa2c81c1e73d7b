package dev.bunting.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The SAM template at the repository root: valid for SAM, and consistent with itself and with this module. */
class TemplateTest {

    private static final Path ROOT = repositoryRoot();
    /** BUNTING_SHARED_DIR (which .ci/run sets), else the shared directory beside the repository. */
    private static final Path SHARED_SCHEMA = (System.getenv("BUNTING_SHARED_DIR") != null
                    ? Path.of(System.getenv("BUNTING_SHARED_DIR"))
                    : ROOT.resolve("../shared").normalize())
            .resolve("vendor-data/sam-schema/sam.schema.json");
    /** ${Name} or ${Name.Attr} in a Fn::Sub string; ${!Literal} is an escape, not a reference. */
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private static JsonNode template() throws IOException {
        return CloudFormationYaml.read(Files.readString(ROOT.resolve("template.yaml")));
    }

    @Test
    void the_template_is_valid_against_the_sam_schema() throws IOException {
        assertThat(SamSchema.violations(template())).isEmpty();
    }

    @Test
    void the_schema_copy_in_test_resources_is_the_shared_vendored_file() throws IOException {
        assumeTrue(
                Files.exists(SHARED_SCHEMA),
                "no shared schema at " + SHARED_SCHEMA + " to compare with; the copy is used as it is");
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
        ((ObjectNode) broken.at("/Resources/EvaluationFunction/Properties/Events/EvaluateFlag/Properties"))
                .put("Pathh", "/flags");

        assertThat(SamSchema.violations(broken)).isNotEmpty();
    }

    @Test
    void the_validator_rejects_a_code_uri_of_the_wrong_type() throws IOException {
        JsonNode broken = template();
        ((ObjectNode) broken.at("/Resources/ManagementFunction/Properties")).put("CodeUri", 42);

        assertThat(SamSchema.violations(broken)).isNotEmpty();
    }

    @Test
    void the_template_has_the_evaluation_management_and_migration_functions() throws IOException {
        assertThat(functions(template()).keySet())
                .containsExactlyInAnyOrder("EvaluationFunction", "ManagementFunction", "MigrationFunction");
    }

    @Test
    void every_handler_names_a_request_handler_class_for_the_event_its_function_receives() throws Exception {
        JsonNode template = template();
        functions(template).forEach((name, properties) -> {
            String[] classAndMethod = properties.path("Handler").asText().split("::");
            assertThat(classAndMethod).as(name).hasSize(2);
            assertThat(classAndMethod[1]).as(name).isEqualTo("handleRequest");
            Class<?> type = load(classAndMethod[0]);
            assertThat(RequestHandler.class).as(name).isAssignableFrom(type);
            assertThat(Modifier.isAbstract(type.getModifiers()))
                    .as(name + " can be instantiated")
                    .isFalse();
            assertThat(publicNoArgumentConstructor(type))
                    .as(name + ": the public no-argument constructor Lambda calls")
                    .isTrue();
            Type[] eventAndResult = RequestHandlerTypes.of(type);
            Set<String> eventTypes = new TreeSet<>();
            properties
                    .path("Events")
                    .forEach(event -> eventTypes.add(event.path("Type").asText()));
            if (!eventTypes.contains("HttpApi")) {
                assertThat(customResourcesServedBy(template, name))
                        .as(name + " is invoked by a custom resource")
                        .isNotEmpty();
                assertThat(eventTypes)
                        .as(name + " is otherwise invoked on a schedule")
                        .isSubsetOf("Schedule");
                assertThat(eventAndResult[0].getTypeName())
                        .as(name)
                        .isEqualTo("java.util.Map<java.lang.String, java.lang.Object>");
            } else {
                assertThat(eventAndResult)
                        .as(name + " takes HTTP API payload 2.0 events")
                        .containsExactly(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class);
                properties
                        .path("Events")
                        .forEach(event -> assertThat(event.at("/Properties/PayloadFormatVersion")
                                        .asText())
                                .isEqualTo("2.0"));
            }
        });
    }

    @Test
    void each_code_uri_is_the_jar_its_function_module_builds() throws IOException {
        String version = System.getProperty("bunting.version");
        assertThat(version)
                .as("system property bunting.version, which the Maven build sets")
                .isNotNull();

        assertThat(functions(template())).allSatisfy((name, properties) -> {
            String module = name.replace("Function", "").toLowerCase(Locale.ROOT);
            assertThat(properties.path("CodeUri").asText())
                    .isEqualTo(
                            "lambda/" + module + "/target/bunting-lambda-" + module + "-" + version + "-function.jar");
        });
    }

    @Test
    void every_function_runs_java_21_on_arm64_with_snap_start_an_alias_and_the_vpc_and_maven_builds_it()
            throws IOException {
        JsonNode template = template();
        JsonNode globals = template.at("/Globals/Function");

        assertThat(functions(template)).allSatisfy((name, properties) -> {
            JsonNode merged = merged(globals, properties);
            assertThat(merged.at("/Runtime").asText()).isEqualTo("java21");
            assertThat(merged.at("/Architectures/0").asText()).isEqualTo("arm64");
            assertThat(merged.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
            assertThat(merged.at("/AutoPublishAlias").asText()).isNotBlank();
            assertThat(merged.at("/Tracing/Ref").asText()).isEqualTo("Tracing");
            assertThat(merged.at("/VpcConfig/SubnetIds/Ref").asText()).isEqualTo("SubnetIds");
            assertThat(merged.at("/VpcConfig/SecurityGroupIds/Ref").asText()).isEqualTo("SecurityGroupIds");
            assertThat(template.at("/Resources/" + name + "/Metadata/SkipBuild").asBoolean())
                    .as("sam build leaves the Maven jar as it is")
                    .isTrue();
        });
        assertThat(template.at("/Resources/BuntingHttpApi/Type").asText()).isEqualTo("AWS::Serverless::HttpApi");
        assertThat(template.at("/Resources/BuntingHttpApi/Properties/CorsConfiguration/AllowOrigins/Ref")
                        .asText())
                .isEqualTo("CorsAllowedOrigins");
    }

    @Test
    void no_secret_is_in_an_environment_variable_only_the_arn_of_one() throws IOException {
        JsonNode template = template();
        JsonNode globals = template.at("/Globals/Function");

        assertThat(functions(template))
                .allSatisfy((name, properties) -> merged(globals, properties)
                        .at("/Environment/Variables")
                        .properties()
                        .forEach(variable -> referencedParameters(variable.getValue())
                                .forEach(parameter -> assertThat(!isSecretName(parameter) || parameter.endsWith("Arn"))
                                        .as("%s of %s carries %s", variable.getKey(), name, parameter)
                                        .isTrue())));
        assertThat(template.path("Parameters").fieldNames())
                .toIterable()
                .allSatisfy(parameter -> assertThat(!isSecretName(parameter) || parameter.endsWith("Arn"))
                        .as(parameter)
                        .isTrue());
    }

    @Test
    void each_function_may_read_exactly_the_secrets_its_environment_names_and_nothing_else() throws IOException {
        JsonNode template = template();
        JsonNode globals = template.at("/Globals/Function");

        assertThat(functions(template)).allSatisfy((name, properties) -> {
            Set<String> named = new TreeSet<>();
            merged(globals, properties)
                    .at("/Environment/Variables")
                    .properties()
                    .forEach(variable -> {
                        if (variable.getKey().endsWith("_ARN")) {
                            named.addAll(referencedParameters(variable.getValue()));
                        }
                    });
            Set<String> granted = new TreeSet<>();
            List<String> policyTemplates = new ArrayList<>();
            properties.path("Policies").forEach(policy -> {
                JsonNode chosen = policy.has("Fn::If") ? policy.path("Fn::If").path(1) : policy;
                chosen.fieldNames().forEachRemaining(policyTemplates::add);
                granted.addAll(referencedParameters(chosen.path("AWSSecretsManagerGetSecretValuePolicy")));
            });
            assertThat(granted).as("%s may read", name).isEqualTo(named);
            assertThat(policyTemplates)
                    .as("%s's policy templates", name)
                    .containsOnly("VPCAccessPolicy", "AWSSecretsManagerGetSecretValuePolicy");
        });
    }

    @Test
    void every_route_the_api_serves_reaches_exactly_one_function_and_that_function_serves_it() throws IOException {
        JsonNode template = template();
        ApiFunctions functions = new ApiFunctions(ApiGatewayHandlerTest.NO_DATABASE);
        Map<String, List<String>> served = Map.of(
                "EvaluationFunction",
                functions.evaluation.routes(),
                "ManagementFunction",
                functions.management.routes());
        List<ApiGatewayRoutes.Route> routes = ApiGatewayRoutes.of(template);
        Set<String> all = new TreeSet<>();
        served.values().forEach(all::addAll);

        assertThat(all).hasSizeGreaterThan(30);
        assertThat(all).allSatisfy(signature -> {
            String[] methodAndPath = signature.split(" ", 2);
            String path = methodAndPath[1].replaceAll("\\{[^}]+}", "sample");
            String function = ApiGatewayRoutes.select(routes, methodAndPath[0], path);
            assertThat(served.get(function))
                    .as("%s goes to %s, which serves it", signature, function)
                    .contains(signature);
            assertThat(ApiFunctions.isEvaluationPath(path))
                    .as("the tests' routing of %s agrees with the template's", signature)
                    .isEqualTo(function.equals("EvaluationFunction"));
        });
        assertThat(served.get("EvaluationFunction")).doesNotContainAnyElementsOf(served.get("ManagementFunction"));
    }

    @Test
    void the_migration_runs_as_a_custom_resource_before_the_api_functions_change() throws IOException {
        JsonNode template = template();
        JsonNode migration = template.at("/Resources/DatabaseMigration");

        assertThat(migration.at("/Properties/ServiceToken/Ref").asText()).isEqualTo("MigrationFunction.Alias");
        assertThat(migration.at("/Properties/MigrationFunctionVersion/Ref").asText())
                .isEqualTo("MigrationFunction.Version");
        assertThat(merged(template.at("/Globals/Function"), template.at("/Resources/MigrationFunction/Properties"))
                        .at("/Environment/Variables/BUNTING_DATABASE_SECRET_ARN/Ref")
                        .asText())
                .as("migrations run as the schema's owner")
                .isEqualTo("DatabaseSecretArn");
        assertThat(template.at(
                                "/Resources/EvaluationFunction/Properties/Environment/Variables/BUNTING_DATABASE_SECRET_ARN/Fn::If/1/Ref")
                        .asText())
                .as("the API serves as the application's own login, where there is one")
                .isEqualTo("ApiDatabaseSecretArn");
        assertThat(template.at("/Resources/EvaluationFunction/DependsOn").asText())
                .isEqualTo("DatabaseMigration");
        assertThat(template.at("/Resources/ManagementFunction/DependsOn").asText())
                .isEqualTo("DatabaseMigration");
    }

    @Test
    void the_migration_function_keeps_the_raw_measurement_tables_daily_for_the_retention_parameter()
            throws IOException {
        JsonNode template = template();
        JsonNode migration = template.at("/Resources/MigrationFunction/Properties");
        JsonNode schedule = migration.at("/Events/DailyRawDataUpkeep");

        assertThat(schedule.path("Type").asText()).isEqualTo("Schedule");
        assertThat(schedule.at("/Properties/Schedule").asText()).isEqualTo("rate(1 day)");
        assertThat(new ObjectMapper().readTree(schedule.at("/Properties/Input").asText()))
                .as("the event MigrationHandler takes for upkeep")
                .isEqualTo(new ObjectMapper().readTree("{\"upkeep\": \"raw-data\"}"));
        assertThat(migration
                        .at("/Environment/Variables/BUNTING_RAW_RETENTION_DAYS/Ref")
                        .asText())
                .isEqualTo("RawRetentionDays");
        assertThat(template.at("/Parameters/RawRetentionDays/Default").asInt()).isEqualTo(90);
        assertThat(template.at("/Parameters/RawRetentionDays/MinValue").asInt())
                .as("the days an event may arrive late, which the function refuses to start below")
                .isEqualTo(7);
    }

    @Test
    void the_migration_function_refreshes_stale_rollups_every_five_minutes() throws IOException {
        JsonNode schedule = template().at("/Resources/MigrationFunction/Properties/Events/RollupRefresh");

        assertThat(schedule.path("Type").asText()).isEqualTo("Schedule");
        assertThat(schedule.at("/Properties/Schedule").asText()).isEqualTo("rate(5 minutes)");
        assertThat(new ObjectMapper().readTree(schedule.at("/Properties/Input").asText()))
                .as("the event MigrationHandler takes for a refresh")
                .isEqualTo(new ObjectMapper().readTree("{\"upkeep\": \"rollups\"}"));
    }

    @Test
    void the_outputs_are_the_api_url_and_the_function_names() throws IOException {
        JsonNode outputs = template().path("Outputs");

        assertThat(outputs.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "ApiUrl", "EvaluationFunctionName", "ManagementFunctionName", "MigrationFunctionName");
        assertThat(outputs.at("/EvaluationFunctionName/Value/Ref").asText()).isEqualTo("EvaluationFunction");
    }

    @Test
    void every_reference_names_a_parameter_resource_or_condition_of_the_template() throws IOException {
        JsonNode template = template();
        List<String> references = new ArrayList<>();
        collectReferences(template, references);
        List<String> conditions = new ArrayList<>();
        collectConditions(template, conditions);

        assertThat(references).isNotEmpty();
        assertThat(conditions).isNotEmpty();
        assertThat(unresolved(template)).isEmpty();
    }

    @Test
    void the_reference_check_catches_a_reference_or_condition_to_nothing() throws IOException {
        JsonNode broken = template();
        ((ObjectNode) broken.at("/Resources/DatabaseMigration/Properties"))
                .putObject("Extra")
                .put("Ref", "NoSuchResource");
        ((ObjectNode) broken.at("/Resources/DatabaseMigration/Properties"))
                .putObject("Other")
                .putArray("Fn::If")
                .add("NoSuchCondition")
                .add(1)
                .add(2);

        assertThat(unresolved(broken)).containsExactlyInAnyOrder("NoSuchResource", "NoSuchCondition");
    }

    /**
     * What Ref, Fn::GetAtt, Fn::Sub and Fn::If name that the template does not declare: parameters, resources, pseudo
     * parameters, conditions, and SAM's references to what AutoPublishAlias makes (a function's alias and version).
     */
    private static List<String> unresolved(JsonNode template) {
        Set<String> declared = new HashSet<>();
        template.path("Parameters").fieldNames().forEachRemaining(declared::add);
        template.path("Resources").fieldNames().forEachRemaining(declared::add);
        functions(template)
                .keySet()
                .forEach(function -> declared.addAll(List.of(function + ".Alias", function + ".Version")));
        List<String> references = new ArrayList<>();
        collectReferences(template, references);
        List<String> conditions = new ArrayList<>();
        collectConditions(template, conditions);
        List<String> unresolved = new ArrayList<>(references.stream()
                .filter(name -> !name.startsWith("AWS::") && !declared.contains(name))
                .toList());
        conditions.stream()
                .filter(name -> !template.path("Conditions").has(name))
                .forEach(unresolved::add);
        return unresolved;
    }

    private static boolean isSecretName(String parameter) {
        return parameter.contains("Secret") || parameter.contains("Password");
    }

    /** The conditions that Fn::If names. */
    private static void collectConditions(JsonNode node, List<String> conditions) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("Fn::If")) {
                    conditions.add(field.getValue().get(0).asText());
                }
                collectConditions(field.getValue(), conditions);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectConditions(element, conditions));
        }
    }

    private static Map<String, JsonNode> functions(JsonNode template) {
        Map<String, JsonNode> functions = new TreeMap<>();
        template.path("Resources").properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.put(resource.getKey(), resource.getValue().path("Properties"));
            }
        });
        return functions;
    }

    private static List<String> customResourcesServedBy(JsonNode template, String function) {
        List<String> resources = new ArrayList<>();
        template.path("Resources").properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().startsWith("Custom::")
                    && resource.getValue()
                            .at("/Properties/ServiceToken/Ref")
                            .asText()
                            .startsWith(function + ".")) {
                resources.add(resource.getKey());
            }
        });
        return resources;
    }

    /** Globals under a function's own properties, as SAM merges them: maps merge, the function's own values win. */
    private static JsonNode merged(JsonNode globals, JsonNode properties) {
        ObjectNode merged = globals.deepCopy();
        properties.properties().forEach(field -> {
            JsonNode global = merged.path(field.getKey());
            boolean bothMaps = global.isObject()
                    && field.getValue().isObject()
                    && !field.getValue().has("Ref")
                    && !global.has("Ref");
            merged.set(field.getKey(), bothMaps ? merged(global, field.getValue()) : field.getValue());
        });
        return merged;
    }

    private static Set<String> referencedParameters(JsonNode node) {
        List<String> references = new ArrayList<>();
        collectReferences(node, references);
        return new TreeSet<>(
                references.stream().filter(name -> !name.startsWith("AWS::")).toList());
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no class " + name, e);
        }
    }

    private static boolean publicNoArgumentConstructor(Class<?> type) {
        try {
            return Modifier.isPublic(type.getConstructor().getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
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
                        Matcher matcher = SUB_VARIABLE.matcher(
                                value.isArray() ? value.get(0).asText() : value.asText());
                        while (matcher.find()) {
                            String name = matcher.group(1).split("\\.")[0];
                            if (local == null || !local.has(name)) {
                                references.add(name);
                            }
                        }
                    }
                    default -> {}
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
        throw new IllegalStateException(
                "no mvnw above " + System.getProperty("user.dir") + "; run the tests inside the repository");
    }
}
