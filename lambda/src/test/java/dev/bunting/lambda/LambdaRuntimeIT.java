package dev.bunting.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bunting.adapter.argon2.Argon2PasswordHasher;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.PostgresStore;
import dev.bunting.adapter.postgres.TestDatabase;
import dev.bunting.application.identity.BootstrapAdmin;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda runtime contract, for real: the built function jar runs in a JVM of its own under AWS's runtime interface
 * client, started with the handler string that template.yaml names and the JVM flags Lambda's Java runtime uses, and
 * is driven through a Runtime API served here. So the handler loads by that name, and events and responses
 * (de)serialise as Lambda does them, not only as the test's own Jackson would.
 */
class LambdaRuntimeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "root@example.com";
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

    private static FakeRuntimeApi runtimeApi;
    private static Process function;
    private static Path functionLog;

    @BeforeAll
    static void startTheFunction() throws IOException {
        DatabaseUrl database = TestDatabase.freshDatabase();
        try (PostgresStore store = PostgresStore.connect(database, 2)) {
            new BootstrapAdmin(store, new Argon2PasswordHasher(), PasswordPolicy.standard(), new RandomIdGenerator(), Clock.systemUTC())
                    .createIfNoUsers(new Email(ADMIN), PASSWORD);
        }
        runtimeApi = new FakeRuntimeApi();
        functionLog = Files.createTempFile("bunting-function", ".log");
        ProcessBuilder builder = new ProcessBuilder(command(handlerInTemplate()))
                .redirectErrorStream(true)
                .redirectOutput(functionLog.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "bunting");
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bunting");
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "test");
        environment.put("AWS_REGION", "eu-west-1");
        environment.put("BUNTING_DATABASE_URL", urlWithCredentials(database));
        environment.put("BUNTING_JWT_SECRET", LambdaSettingsTest.SECRET);
        function = builder.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (function != null) {
            function.destroy();
            function.waitFor(10, TimeUnit.SECONDS);
        }
        if (runtimeApi != null) {
            runtimeApi.close();
        }
    }

    @Test
    void the_vendored_api_gateway_sample_event_gets_an_api_gateway_response() throws Exception {
        JsonNode response = invoke(sample());

        assertThat(response.path("statusCode").asInt()).isEqualTo(404);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/problem+json");
        assertThat(JSON.readTree(response.path("body").asText()).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void health_answers_through_the_runtime() throws Exception {
        JsonNode response = invoke(request("GET", "/health", "", null));

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(response.path("body").asText()).path("store").asText()).isEqualTo("up");
    }

    @Test
    void a_flag_made_and_switched_on_through_the_runtime_evaluates_there() throws Exception {
        JsonNode login = invoke(request("POST", "/auth/login", "", "{\"email\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}"));
        String token = JSON.readTree(login.path("body").asText()).path("access_token").asText();
        Map<String, String> admin = Map.of("authorization", "Bearer " + token);

        assertThat(invoke(request("POST", "/flags", "", "{\"key\":\"runtime-flag\"}", admin)).path("statusCode").asInt()).isEqualTo(201);
        assertThat(invoke(request("PATCH", "/flags/runtime-flag/environments/development/toggle", "", "{\"enabled\":true}", admin))
                .path("statusCode").asInt()).isEqualTo(200);
        JsonNode evaluation = invoke(request("GET", "/evaluate/runtime-flag", "environment_key=development&user_id=alice", null));

        assertThat(evaluation.path("statusCode").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(evaluation.path("body").asText()).path("value").asBoolean()).isTrue();
    }

    @Test
    void refusals_keep_their_status_and_problem_body_through_the_runtime() throws Exception {
        JsonNode wrongPassword = invoke(request("POST", "/auth/login", "", "{\"email\":\"" + ADMIN + "\",\"password\":\"wrong wrong wrong\"}"));
        JsonNode anonymousProduction = invoke(request("GET", "/evaluate/anything", "environment_key=production&user_id=alice", null));

        assertThat(wrongPassword.path("statusCode").asInt()).isEqualTo(401);
        assertThat(anonymousProduction.path("statusCode").asInt()).isEqualTo(401);
        assertThat(anonymousProduction.path("headers").path("WWW-Authenticate").asText()).startsWith("Bearer");
    }

    private static JsonNode invoke(String event) throws Exception {
        try {
            return JSON.readTree(runtimeApi.invoke(event).get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            String state = function.isAlive() ? "running" : "exited with " + function.exitValue();
            throw new AssertionError("the function (" + state + ") did not answer: " + e + "; init error: " + runtimeApi.initError().getNow("none")
                    + "; its output:\n" + Files.readString(functionLog), e);
        }
    }

    /** The vendored sample event, as API Gateway documents it. */
    private static String sample() throws IOException {
        return Files.readString(Path.of("src/test/resources", ApiGatewayEvents.SAMPLE).toAbsolutePath());
    }

    private static String request(String method, String path, String rawQuery, String body) throws IOException {
        return request(method, path, rawQuery, body, Map.of());
    }

    /** The sample event with its request line, headers and body replaced. */
    private static String request(String method, String path, String rawQuery, String body, Map<String, String> headers) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(sample());
        event.put("rawPath", path).put("rawQueryString", rawQuery);
        event.remove(List.of("queryStringParameters", "pathParameters", "cookies", "stageVariables"));
        ObjectNode http = (ObjectNode) event.path("requestContext").path("http");
        http.put("method", method).put("path", path);
        ObjectNode eventHeaders = event.putObject("headers").put("accept", "application/json");
        headers.forEach(eventHeaders::put);
        if (body == null) {
            event.putNull("body");
        } else {
            eventHeaders.put("content-type", "application/json");
            event.put("body", body);
        }
        return JSON.writeValueAsString(event);
    }

    private static String handlerInTemplate() throws IOException {
        JsonNode template = CloudFormationYaml.read(Files.readString(TemplateTest.repositoryRoot().resolve("template.yaml")));
        List<String> handlers = new ArrayList<>();
        template.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::Serverless::Function")) {
                handlers.add(resource.path("Properties").path("Handler").asText());
            }
        });
        assertThat(handlers).as("the functions' handlers in template.yaml").isNotEmpty();
        return handlers.getFirst();
    }

    /** java, Lambda's JVM flags for Java 21, the function jar and the runtime client, then the handler string. */
    private static List<String> command(String handler) throws IOException {
        Path jar;
        try (Stream<Path> built = Files.list(TemplateTest.repositoryRoot().resolve("lambda/target"))) {
            jar = built.filter(p -> p.getFileName().toString().matches("bunting-lambda-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no function jar in lambda/target: run the package phase first"));
        }
        String runtimeClient = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("aws-lambda-java-runtime-interface-client") || entry.contains("aws-lambda-java-serialization"))
                .collect(Collectors.joining(File.pathSeparator));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", jar + File.pathSeparator + runtimeClient,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler);
    }

    private static String urlWithCredentials(DatabaseUrl database) {
        String separator = database.jdbcUrl().contains("?") ? "&" : "?";
        String password = database.password() == null ? "" : "&password=" + URLEncoder.encode(database.password(), StandardCharsets.UTF_8);
        return database.jdbcUrl() + separator + "user=" + URLEncoder.encode(database.user(), StandardCharsets.UTF_8) + password;
    }
}
