package dev.bunting.sdk.tests;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.bunting.sdk.BuntingClient;
import dev.bunting.sdk.BuntingContext;
import dev.bunting.sdk.BuntingOptions;
import dev.bunting.sdk.SyncMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Lambda function as an application would write one with the SDK: the client is built during init (which opens
 * nothing, so SnapStart could snapshot it), every invocation evaluates a flag under experiment and tracks an event,
 * and calls {@code flush()} before it returns. It answers with what it saw, including any thread that was alive after
 * the SDK's calls and not before them.
 */
public final class SdkFunction implements RequestStreamHandler {

    private static final BuntingClient FLAGS = BuntingClient.start(BuntingOptions.builder(System.getenv("BUNTING_URL"))
            .sdkKey(System.getenv("BUNTING_SDK_KEY"))
            .mode(SyncMode.NO_THREADS)
            .maxAge(Duration.ofSeconds(30))
            .build());

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String user = new String(input.readAllBytes(), StandardCharsets.UTF_8)
                .replace("\"", "")
                .strip();
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        BuntingContext unit = BuntingContext.of(user);
        boolean value = FLAGS.boolValue("lambda-flag", false, unit);
        FLAGS.track("invoked", unit, 1.0, Map.of("function", "sdk"));
        boolean flushed = FLAGS.flush();

        Set<String> started = new TreeSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(thread) && thread.isAlive()) {
                started.add(thread.getName());
            }
        }
        String answer = "{\"value\":" + value + ",\"flushed\":" + flushed + ",\"sent\":" + FLAGS.sentEvents()
                + ",\"dropped\":" + FLAGS.droppedEvents() + ",\"started_threads\":" + started.size()
                + ",\"thread_names\":\"" + String.join(",", started) + "\",\"status\":\"" + FLAGS.status() + "\"}";
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }
}
