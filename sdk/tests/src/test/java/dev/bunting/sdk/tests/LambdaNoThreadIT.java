package dev.bunting.sdk.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bunting.lambda.FakeRuntimeApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SDK's no-thread mode as AWS Lambda runs it: {@link SdkFunction} in a JVM of its own under AWS's runtime interface
 * client (as Lambda's Java runtime runs functions, with its JVM flags), driven through a Runtime API served here, against
 * a running local runner. No invocation leaves a thread behind, and every event tracked is stored once
 * {@code flush()} has returned, before the environment could be frozen.
 */
class LambdaNoThreadIT {

    private static final int INVOCATIONS = 20;
    private static final String NATIVE_CLIENT_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    @Test
    void invocations_start_no_thread_and_lose_no_event_once_flushed() throws Exception {
        try (Runner runner = Runner.start(Map.of());
                FakeRuntimeApi runtimeApi = new FakeRuntimeApi()) {
            String key = runner.sdkKey("production");
            runner.admin("POST", "/flags", "{\"key\":\"lambda-flag\"}");
            runner.admin("PATCH", "/flags/lambda-flag/environments/production/rollout", "{\"percentage\":50}");
            runner.admin("PATCH", "/flags/lambda-flag/environments/production/toggle", "{\"enabled\":true}");
            runner.admin("POST", "/experiments", """
                    {"key": "lambda-test", "name": "Lambda test", "hypothesis": "it counts",
                     "flag": "lambda-flag", "environment": "production", "control": "false",
                     "metrics": [{"key": "invocations", "event": "invoked", "type": "binomial", "role": "primary"}]}""");
            runner.admin("POST", "/experiments/lambda-test/start", null);
            Process function = start(runtimeApi, runner.baseUrl(), key);
            try {
                List<JsonNode> answers = new ArrayList<>();
                for (int i = 0; i < INVOCATIONS; i++) {
                    answers.add(
                            Runner.read(runtimeApi.invoke("\"user-" + i + "\"").get(60, TimeUnit.SECONDS)));
                }

                assertThat(answers).allSatisfy(answer -> {
                    assertThat(answer.path("started_threads").asInt())
                            .as(
                                    "threads started by the SDK: %s",
                                    answer.path("thread_names").asText())
                            .isZero();
                    assertThat(answer.path("flushed").asBoolean()).isTrue();
                    assertThat(answer.path("dropped").asLong()).isZero();
                    assertThat(answer.path("status").asText()).isEqualTo("READY");
                });
                assertThat(answers)
                        .extracting(answer -> answer.path("value").asBoolean())
                        .contains(true, false);
                assertThat(answers.getLast().path("sent").asLong())
                        .as("events acknowledged: one track and one exposure per invocation")
                        .isEqualTo(2L * INVOCATIONS);
                assertThat(runner.count("SELECT count(*) FROM tracked_events WHERE event = ?", "invoked"))
                        .isEqualTo(INVOCATIONS);
            } finally {
                function.destroy();
                function.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The function's JVM: Lambda's flags for Java, the test class path, AWS's runtime client, the handler string. */
    private static Process start(FakeRuntimeApi runtimeApi, String url, String key) throws IOException {
        String classPath = System.getProperty("java.class.path");
        Path log = Files.createTempFile("sdk-function", ".log");
        // gone with the test JVM rather than left in the temp dir
        log.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+TieredCompilation",
                        "-XX:TieredStopAtLevel=1",
                        "--enable-native-access=ALL-UNNAMED",
                        "-D" + NATIVE_CLIENT_PROPERTY + "=" + nativeClient(),
                        "-cp",
                        classPath,
                        "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                        SdkFunction.class.getName() + "::handleRequest")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("BUNTING_"));
        builder.environment()
                .putAll(Map.of(
                        "AWS_LAMBDA_RUNTIME_API", runtimeApi.address(),
                        "AWS_LAMBDA_FUNCTION_NAME", "sdk-function",
                        "AWS_LAMBDA_FUNCTION_VERSION", "1",
                        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512",
                        "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/sdk-function",
                        "AWS_LAMBDA_LOG_STREAM_NAME", "test",
                        "AWS_REGION", "eu-west-1",
                        "BUNTING_URL", url,
                        "BUNTING_SDK_KEY", key));
        return builder.start();
    }

    /** The runtime client's native part, unpacked to a file of this test's own (its default path is shared). */
    private static Path nativeClient() throws IOException {
        String architecture = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        String resource = "/jni/libaws-lambda-jni.linux-" + architecture + ".so";
        try (InputStream library = LambdaNoThreadIT.class.getResourceAsStream(resource)) {
            if (library == null) {
                throw new IllegalStateException("the runtime interface client on the class path has no " + resource);
            }
            Path unpacked = Files.createTempFile("sdk-lambda-jni", ".so");
            unpacked.toFile().deleteOnExit();
            Files.copy(library, unpacked, StandardCopyOption.REPLACE_EXISTING);
            return unpacked;
        }
    }
}
