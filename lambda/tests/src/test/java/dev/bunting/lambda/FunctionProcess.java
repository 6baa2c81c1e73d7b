package dev.bunting.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bunting.adapter.postgres.DatabaseUrl;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One of template.yaml's functions running in a JVM of its own under AWS's runtime interface client: the jar its
 * CodeUri names, started by its handler string with the JVM flags Lambda's Java runtime uses, driven through a
 * {@link FakeRuntimeApi}.
 */
final class FunctionProcess implements AutoCloseable {

    static final String ADMIN = "root@example.com";
    static final String PASSWORD = "wobbly lanterns ferry sixty owls";

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How long an answer may take, the first one including the JVM's start and the function's init: a bound for a
     * machine other builds keep busy (30 s was overrun there), not a target; cold starts are measured in bench/.
     */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(120);
    /**
     * The runtime client unpacks its native part to one fixed file, /tmp/.libaws-lambda-jni.so, unless this names one:
     * two functions starting at once would overwrite the library while the other maps it, and crash.
     */
    private static final String NATIVE_CLIENT_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private static final Supplier<Path> NATIVE_CLIENT = memoize(FunctionProcess::unpackNativeClient);

    private final FakeRuntimeApi runtimeApi;
    private final Process process;
    private final Path log;

    private FunctionProcess(FakeRuntimeApi runtimeApi, Process process, Path log) {
        this.runtimeApi = runtimeApi;
        this.process = process;
        this.log = log;
    }

    static final String EVALUATION = "EvaluationFunction";
    static final String MANAGEMENT = "ManagementFunction";
    static final String MIGRATION = "MigrationFunction";

    /**
     * @param function   the function's logical id in template.yaml
     * @param extraFlags JVM flags beyond Lambda's own, such as a class-data-sharing archive
     */
    static FunctionProcess start(String function, DatabaseUrl database, List<String> extraFlags) throws IOException {
        Map<String, String> settings =
                new java.util.HashMap<>(Map.of("BUNTING_DATABASE_URL", urlWithCredentials(database)));
        if (function.equals(MIGRATION)) {
            settings.putAll(Map.of("BUNTING_ADMIN_EMAIL", ADMIN, "BUNTING_ADMIN_PASSWORD", PASSWORD));
        } else {
            settings.put("BUNTING_JWT_SECRET", TestSettings.SECRET);
        }
        return start(function, settings, extraFlags);
    }

    /** @param settings the function's own environment variables, on top of what Lambda sets */
    static FunctionProcess start(String function, Map<String, String> settings, List<String> extraFlags)
            throws IOException {
        FakeRuntimeApi runtimeApi = new FakeRuntimeApi();
        Path log = Files.createTempFile("bunting-" + function, ".log");
        // read by the tests while the function runs, and gone with the test JVM rather than left in the temp dir
        log.toFile().deleteOnExit();
        JsonNode properties = properties(function);
        ProcessBuilder builder = new ProcessBuilder(command(
                        TemplateTest.repositoryRoot()
                                .resolve(properties.path("CodeUri").asText()),
                        properties.path("Handler").asText(),
                        extraFlags))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function);
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        environment.put(
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", properties.path("MemorySize").asText());
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bunting");
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "test");
        environment.put("AWS_REGION", "eu-west-1");
        environment.putAll(settings);
        return new FunctionProcess(runtimeApi, builder.start(), log);
    }

    /** Sends {@code event} and waits for the function's response document. */
    String invoke(String event) throws IOException {
        try {
            return runtimeApi.invoke(event).get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            String state = process.isAlive() ? "running" : "exited with " + process.exitValue();
            throw new AssertionError(
                    "the function (" + state + ") did not answer: " + e + "; init error: "
                            + runtimeApi.initError().getNow("none") + "; its output:\n" + Files.readString(log),
                    e);
        }
    }

    /** The JVM's peak resident memory so far (VmHWM), in MiB: Linux only. */
    /**
     * The duration the function logged for its first request, in milliseconds, waiting up to a second for the line:
     * its own time on that request (reading and preparing the environment included), without the JVM's start and the
     * function's init. Empty when it logged none.
     */
    OptionalDouble firstRequestMillis() throws IOException, InterruptedException {
        Pattern duration = Pattern.compile("\"duration_ms\":([0-9.]+)");
        for (int attempt = 0; attempt < 100; attempt++) {
            Matcher found = duration.matcher(Files.readString(log));
            if (found.find()) {
                return OptionalDouble.of(Double.parseDouble(found.group(1)));
            }
            Thread.sleep(10);
        }
        return OptionalDouble.empty();
    }

    long peakResidentMiB() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                        .filter(line -> line.startsWith("VmHWM:"))
                        .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                        .findFirst()
                        .orElseThrow()
                / 1024;
    }

    /** The function's MemorySize in template.yaml, in MB. */
    static int memorySize(String function) throws IOException {
        return properties(function).path("MemorySize").asInt();
    }

    /** The vendored API Gateway sample event, as API Gateway documents it. */
    static String sample() throws IOException {
        return Files.readString(TemplateTest.repositoryRoot()
                .resolve("lambda/api/src/test/resources")
                .resolve(ApiGatewayEvents.SAMPLE));
    }

    /** The sample event with its request line, headers and body replaced. */
    static String request(String method, String path, String rawQuery, String body, Map<String, String> headers)
            throws IOException {
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
        return request(
                "POST", "/auth/login", "", "{\"email\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}", Map.of());
    }

    private static JsonNode properties(String function) throws IOException {
        JsonNode template = CloudFormationYaml.read(
                Files.readString(TemplateTest.repositoryRoot().resolve("template.yaml")));
        JsonNode properties = template.path("Resources").path(function).path("Properties");
        if (properties.isMissingNode()) {
            throw new IllegalStateException("template.yaml has no function " + function);
        }
        return properties;
    }

    /** java, Lambda's JVM flags for Java 21, the function jar and the runtime client, then the handler string. */
    private static List<String> command(Path jar, String handler, List<String> extraFlags) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no function jar at " + jar + ": run the package phase first");
        }
        String runtimeClient = Arrays.stream(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("aws-lambda-java-runtime-interface-client")
                        || entry.contains("aws-lambda-java-serialization"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-D" + NATIVE_CLIENT_PROPERTY + "=" + NATIVE_CLIENT.get()));
        command.addAll(extraFlags);
        command.addAll(List.of(
                "-cp",
                jar + File.pathSeparator + runtimeClient,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                handler));
        return command;
    }

    private static Path unpackNativeClient() {
        String architecture = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        String resource = "/jni/libaws-lambda-jni.linux-" + architecture + ".so";
        try (InputStream library = FunctionProcess.class.getResourceAsStream(resource)) {
            if (library == null) {
                throw new IllegalStateException(
                        "the runtime interface client on the test classpath has no " + resource);
            }
            Path unpacked = Files.createTempFile("bunting-lambda-jni", ".so");
            unpacked.toFile().deleteOnExit();
            Files.copy(library, unpacked, StandardCopyOption.REPLACE_EXISTING);
            return unpacked;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the runtime client's native library", e);
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    private static String urlWithCredentials(DatabaseUrl database) {
        String separator = database.jdbcUrl().contains("?") ? "&" : "?";
        String password = database.password() == null
                ? ""
                : "&password=" + URLEncoder.encode(database.password(), StandardCharsets.UTF_8);
        return database.jdbcUrl() + separator + "user=" + URLEncoder.encode(database.user(), StandardCharsets.UTF_8)
                + password;
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
