package dev.bunting.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bunting.adapter.argon2.Argon2PasswordHasher;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.adapter.postgres.DatabaseUrl;
import dev.bunting.adapter.postgres.PostgresStore;
import dev.bunting.application.identity.BootstrapAdmin;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordPolicy;

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

/**
 * The built function jar running in a JVM of its own under AWS's runtime interface client, started with the handler
 * string template.yaml names and the JVM flags Lambda's Java runtime uses, driven through a {@link FakeRuntimeApi}.
 */
final class FunctionProcess implements AutoCloseable {

    static final String ADMIN = "root@example.com";
    static final String PASSWORD = "correct horse battery staple";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    private final DatabaseUrl database;
    private final FakeRuntimeApi runtimeApi;
    private final Process process;
    private final Path log;

    private FunctionProcess(DatabaseUrl database, FakeRuntimeApi runtimeApi, Process process, Path log) {
        this.database = database;
        this.runtimeApi = runtimeApi;
        this.process = process;
        this.log = log;
    }

    /** @param extraFlags JVM flags beyond Lambda's own, such as a class-data-sharing archive */
    static FunctionProcess start(DatabaseUrl database, List<String> extraFlags) throws IOException {
        FakeRuntimeApi runtimeApi = new FakeRuntimeApi();
        Path log = Files.createTempFile("bunting-function", ".log");
        ProcessBuilder builder = new ProcessBuilder(command(handlerInTemplate(), extraFlags))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
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
        return new FunctionProcess(database, runtimeApi, builder.start(), log);
    }

    /** Creates the first admin ({@link #ADMIN}) on the function's database, as an operator would. */
    void bootstrapAdmin() {
        try (PostgresStore store = PostgresStore.connect(database, 2)) {
            new BootstrapAdmin(store, new Argon2PasswordHasher(), PasswordPolicy.standard(), new RandomIdGenerator(), Clock.systemUTC())
                    .createIfNoUsers(new Email(ADMIN), PASSWORD);
        }
    }

    /** Sends {@code event} and waits for the function's response document. */
    String invoke(String event) throws IOException {
        try {
            return runtimeApi.invoke(event).get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            String state = process.isAlive() ? "running" : "exited with " + process.exitValue();
            throw new AssertionError("the function (" + state + ") did not answer: " + e + "; init error: "
                    + runtimeApi.initError().getNow("none") + "; its output:\n" + Files.readString(log), e);
        }
    }

    /** The vendored API Gateway sample event, as API Gateway documents it. */
    static String sample() throws IOException {
        return Files.readString(TemplateTest.repositoryRoot().resolve("lambda/src/test/resources").resolve(ApiGatewayEvents.SAMPLE));
    }

    /** The sample event with its request line, headers and body replaced. */
    static String request(String method, String path, String rawQuery, String body, Map<String, String> headers) throws IOException {
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

    /** The first admin's sign-in. */
    static String signIn() throws IOException {
        return request("POST", "/auth/login", "", "{\"email\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}", Map.of());
    }

    private static String handlerInTemplate() throws IOException {
        JsonNode template = CloudFormationYaml.read(Files.readString(TemplateTest.repositoryRoot().resolve("template.yaml")));
        List<String> handlers = new ArrayList<>();
        template.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::Serverless::Function")) {
                handlers.add(resource.path("Properties").path("Handler").asText());
            }
        });
        if (handlers.isEmpty()) {
            throw new IllegalStateException("template.yaml names no function handler");
        }
        return handlers.getFirst();
    }

    /** java, Lambda's JVM flags for Java 21, the function jar and the runtime client, then the handler string. */
    private static List<String> command(String handler, List<String> extraFlags) throws IOException {
        Path jar;
        try (Stream<Path> built = Files.list(TemplateTest.repositoryRoot().resolve("lambda/target"))) {
            jar = built.filter(p -> p.getFileName().toString().matches("bunting-lambda-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no function jar in lambda/target: run the package phase first"));
        }
        String runtimeClient = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("aws-lambda-java-runtime-interface-client") || entry.contains("aws-lambda-java-serialization"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(extraFlags);
        command.addAll(List.of("-cp", jar + File.pathSeparator + runtimeClient,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler));
        return command;
    }

    private static String urlWithCredentials(DatabaseUrl database) {
        String separator = database.jdbcUrl().contains("?") ? "&" : "?";
        String password = database.password() == null ? "" : "&password=" + URLEncoder.encode(database.password(), StandardCharsets.UTF_8);
        return database.jdbcUrl() + separator + "user=" + URLEncoder.encode(database.user(), StandardCharsets.UTF_8) + password;
    }

    /** Stops the JVM as Lambda stops an execution environment, letting it exit (and write a CDS archive, if asked). */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        runtimeApi.close();
    }
}
