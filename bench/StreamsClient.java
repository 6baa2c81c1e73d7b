import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many SDK event streams on one runner (issue K; run by bench/streams.sh, see bench/README.md), read cheaply.
 *
 * <pre>java bench/StreamsClient.java BASE_URL SDK_KEY ADMIN_TOKEN RUNNER_PID STREAMS WRK_SCRIPT</pre>
 *
 * <p>Does what streams.py does (opens STREAMS connections to {@code GET /sdk/stream}, reads each one's first event,
 * then toggles a flag while wrk evaluates and times the new version's arrival on every stream), with one thread and
 * one selector, so that the client's own work per event is a few microseconds: on a 2-core machine shared with the
 * runner, a client that spends longer per event than the runner delays the figure it is measuring.
 */
public final class StreamsClient {

    private static final int OPEN_AT_ONCE = 200;
    /** wrk's run in the close and open modes, and when in it the streams close or open. */
    private static final String AROUND = "12s";

    private static final long EVENT_AT = 3000;
    private static final byte[] ID_LINE = "\nid:".getBytes(StandardCharsets.US_ASCII);

    /** One stream: the bytes not yet scanned end with at most a partial id line, kept in {@code tail}. */
    private static final class Stream {
        final SocketChannel channel;
        final StringBuilder tail = new StringBuilder();
        String firstVersion;
        long changedAt = -1;

        Stream(SocketChannel channel) {
            this.channel = channel;
        }

        /** The versions in {@code chunk}, each an {@code id:} line; a line cut at the chunk's end waits in {@code tail}. */
        List<String> versions(ByteBuffer chunk) {
            tail.append(StandardCharsets.ISO_8859_1.decode(chunk));
            List<String> found = new ArrayList<>(1);
            int from = 0;
            while (true) {
                int at = tail.indexOf("\nid:", from);
                if (at < 0) {
                    break;
                }
                int end = tail.indexOf("\n", at + ID_LINE.length);
                if (end < 0) {
                    from = at;
                    break;
                }
                found.add(tail.substring(at + ID_LINE.length, end).strip());
                from = end;
            }
            tail.delete(0, from);
            return found;
        }

        /** Reads what waits on the stream; true when the runner has ended it (end of input, or a reset). */
        boolean drain(ByteBuffer buffer) {
            try {
                while (true) {
                    buffer.clear();
                    int read = channel.read(buffer);
                    if (read < 0) {
                        return true;
                    }
                    if (read == 0) {
                        return false;
                    }
                }
            } catch (IOException reset) {
                return true;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String sdkKey = args[1];
        String token = args[2];
        String runnerPid = args[3];
        int count = Integer.parseInt(args[4]);
        String wrkScript = args[5];
        String mode = args.length > 6 ? args[6] : "change";
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
        byte[] request = ("GET /sdk/stream?environment=production HTTP/1.1\r\nHost: " + base.getHost()
                        + "\r\nX-API-Key: " + sdkKey + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        double before = rssMib(runnerPid);
        Selector selector = Selector.open();
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        switch (mode) {
            case "change" -> {
                Stream[] streams = open(address, request, count, selector, buffer);
                reportOpened(runnerPid, before, count, streams);
                change(base, token, runnerPid, count, wrkScript, streams, selector, buffer);
            }
            case "close" -> {
                Stream[] streams = open(address, request, count, selector, buffer);
                reportOpened(runnerPid, before, count, streams);
                long fds = descriptors(runnerPid);
                Process wrk = startWrk(base, wrkScript, AROUND);
                CompletableFuture<String> wrkOut = wrkOutput(wrk);
                Thread.sleep(EVENT_AT);
                long cpu = cpuMillis(runnerPid);
                long t0 = System.nanoTime();
                for (Stream stream : streams) {
                    stream.channel.close();
                }
                double closedIn = (System.nanoTime() - t0) / 1e6;
                double releasedIn = untilDescriptors(runnerPid, fds - count + OPEN_AT_ONCE, t0);
                System.out.printf(
                        "closed %d streams in %.0f ms; the runner released their connections %.0f ms after the first "
                                + "close, using %d ms of CPU meanwhile (evaluations included)%n",
                        count, closedIn, releasedIn, cpuMillis(runnerPid) - cpu);
                reportWrk("during the close", wrkOut.join(), runnerPid);
            }
            case "open" -> {
                Process wrk = startWrk(base, wrkScript, AROUND);
                CompletableFuture<String> wrkOut = wrkOutput(wrk);
                Thread.sleep(EVENT_AT);
                Stream[] streams = open(address, request, count, selector, buffer);
                reportOpened(runnerPid, before, count, streams);
                reportWrk("during the opening", wrkOut.join(), runnerPid);
                close(streams);
            }
            case "shutdown" -> {
                Stream[] streams = open(address, request, count, selector, buffer);
                reportOpened(runnerPid, before, count, streams);
                ProcessHandle runner = ProcessHandle.of(Long.parseLong(runnerPid)).orElseThrow();
                long t0 = System.nanoTime();
                runner.destroy();
                int ended = 0;
                long lastEnd = t0;
                while (ended < count && System.nanoTime() - t0 < 60_000_000_000L) {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        if (((Stream) key.attachment()).drain(buffer)) {
                            key.cancel();
                            ended++;
                            lastEnd = System.nanoTime();
                        }
                    }
                    selector.selectedKeys().clear();
                }
                runner.onExit().get(60, TimeUnit.SECONDS);
                System.out.printf(
                        "runner stopped (SIGTERM) with %d streams open: %d streams ended by it within %.0f ms, the "
                                + "process gone after %.0f ms%n",
                        count, ended, (lastEnd - t0) / 1e6, (System.nanoTime() - t0) / 1e6);
                close(streams);
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode + ": change, close, open or shutdown");
        }
    }

    /** Opens {@code count} streams, {@link #OPEN_AT_ONCE} connecting at a time, and reads each one's first event. */
    private static Stream[] open(
            InetSocketAddress address, byte[] request, int count, Selector selector, ByteBuffer buffer)
            throws IOException {
        Stream[] streams = new Stream[count];
        long t0 = System.nanoTime();
        int opened = 0;
        int started = 0;
        while (opened < count) {
            while (started < count && started - opened < OPEN_AT_ONCE) {
                SocketChannel channel = SocketChannel.open(address);
                channel.write(ByteBuffer.wrap(request));
                channel.configureBlocking(false);
                streams[started] = new Stream(channel);
                channel.register(selector, SelectionKey.OP_READ, streams[started]);
                started++;
            }
            selector.select();
            for (SelectionKey key : selector.selectedKeys()) {
                Stream stream = (Stream) key.attachment();
                for (String version : read(stream, buffer)) {
                    if (stream.firstVersion == null) {
                        stream.firstVersion = version;
                        opened++;
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        openedIn = (System.nanoTime() - t0) / 1e9;
        return streams;
    }

    private static double openedIn;

    private static void reportOpened(String runnerPid, double before, int count, Stream[] streams)
            throws IOException, InterruptedException {
        Thread.sleep(3000);
        double after = rssMib(runnerPid);
        System.out.printf(
                "streams open: %d in %.1f s; runner RSS %.0f MiB before, %.0f MiB with them (%.1f KiB per stream)%n",
                streams.length, openedIn, before, after, (after - before) * 1024 / count);
    }

    /** Toggles a flag while wrk evaluates, and times the new version's arrival on every stream. */
    private static void change(
            URI base,
            String token,
            String runnerPid,
            int count,
            String wrkScript,
            Stream[] streams,
            Selector selector,
            ByteBuffer buffer)
            throws Exception {
        Process wrk = startWrk(base, wrkScript, "20s");
        CompletableFuture<String> wrkOut = wrkOutput(wrk);
        Thread.sleep(8000);
        HttpClient http = HttpClient.newHttpClient();
        long changedAt = System.nanoTime();
        CompletableFuture<HttpResponse<String>> toggled = http.sendAsync(
                HttpRequest.newBuilder(base.resolve("/flags/bench-flag-01/environments/production/toggle"))
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"enabled\":false}"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        CompletableFuture<Long> answeredAt = toggled.thenApply(response -> System.nanoTime());
        long deadline = changedAt + 30_000_000_000L;
        int reached = 0;
        while (reached < count && System.nanoTime() < deadline) {
            selector.select(100);
            long now = System.nanoTime();
            for (SelectionKey key : selector.selectedKeys()) {
                Stream stream = (Stream) key.attachment();
                for (String version : read(stream, buffer)) {
                    if (stream.changedAt < 0 && !version.equals(stream.firstVersion)) {
                        stream.changedAt = now;
                        reached++;
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        HttpResponse<String> answer = toggled.join();
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("toggle refused: " + answer.statusCode() + " " + answer.body());
        }
        // the streams stay open until wrk is done: 10,000 clients leaving at once is a load of its own, which the
        // "close" mode measures, not the delivery this one does
        String out = wrkOut.join();
        close(streams);
        long[] delays = Arrays.stream(streams)
                .filter(stream -> stream.changedAt >= 0)
                .mapToLong(stream -> stream.changedAt - changedAt)
                .sorted()
                .toArray();
        System.out.printf(
                "change answered in %.0f ms; reached %d of %d streams: first %.0f ms, median %.0f ms, last %.0f ms "
                        + "after the toggle was sent%n",
                (answeredAt.join() - changedAt) / 1e6, delays.length, count, delays.length == 0 ? 0 : delays[0] / 1e6,
                delays.length == 0 ? 0 : delays[delays.length / 2] / 1e6,
                delays.length == 0 ? 0 : delays[delays.length - 1] / 1e6);
        reportWrk("meanwhile", out, runnerPid);
    }

    private static Process startWrk(URI base, String wrkScript, String duration) throws IOException {
        return new ProcessBuilder(
                        "wrk", "-t1", "-c16", "-d" + duration, "--latency", "-s", wrkScript,
                        base + "/evaluate/bench-flag-01")
                .redirectErrorStream(true)
                .start();
    }

    /**
     * wrk's output, read on a thread of its own: on 2 cores the common pool has one thread, and reading wrk's output
     * would hold it for the whole run, so the toggle's answer (which the HTTP client completes there) would be timed
     * when wrk stops.
     */
    private static CompletableFuture<String> wrkOutput(Process wrk) {
        CompletableFuture<String> out = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> out.complete(readAll(wrk)));
        return out;
    }

    private static void reportWrk(String when, String out, String runnerPid) throws IOException {
        System.out.printf(
                "single evaluation %s (wrk -t1 -c16): %s req/s, p50 %s, p99 %s, max %s; runner RSS now %.0f MiB%n",
                when, find(out, "Requests/sec:\\s+([\\d.]+)"), find(out, "(?m)^\\s+50%\\s+(\\S+)"),
                find(out, "(?m)^\\s+99%\\s+(\\S+)"), find(out, "(?m)^\\s+Latency(?:\\s+\\S+){2}\\s+(\\S+)"),
                rssMib(runnerPid));
    }

    private static void close(Stream[] streams) throws IOException {
        for (Stream stream : streams) {
            stream.channel.close();
        }
    }

    /** The CPU time the runner has used, user and system: what the machine's other work changes far less than time. */
    private static long cpuMillis(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime, fields 14 and 15 of stat, in clock ticks of 10 ms
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** The runner's open file descriptors: each stream holds one. */
    private static long descriptors(String pid) throws IOException {
        try (var entries = Files.list(Path.of("/proc", pid, "fd"))) {
            return entries.count();
        }
    }

    /** Milliseconds from {@code t0} until the runner holds at most {@code most} descriptors (polled every 10 ms). */
    private static double untilDescriptors(String pid, long most, long t0) throws IOException, InterruptedException {
        while (descriptors(pid) > most && System.nanoTime() - t0 < 60_000_000_000L) {
            Thread.sleep(10);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /** What {@code stream} has to read now, as versions; a stream the runner closed is an error. */
    private static List<String> read(Stream stream, ByteBuffer buffer) {
        List<String> versions = new ArrayList<>();
        try {
            while (true) {
                buffer.clear();
                int read = stream.channel.read(buffer);
                if (read < 0) {
                    throw new IllegalStateException("a stream was closed by the runner");
                }
                if (read == 0) {
                    return versions;
                }
                buffer.flip();
                versions.addAll(stream.versions(buffer));
            }
        } catch (IOException e) {
            throw new IllegalStateException("a stream failed", e);
        }
    }

    private static double rssMib(String pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return 0;
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1) : "?";
    }
}
