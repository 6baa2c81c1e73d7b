package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bunting.adapter.postgres.DatabaseUrl;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A database outage under a running load, over real HTTP. The runner reaches PostgreSQL through a {@link TcpProxy}
 * that the test takes down for longer than the pool's 5 s connection timeout and the key cache's 10 s, then brings
 * back. Evaluations run throughout on a few threads, anonymous in staging and with an SDK key in production, each
 * answer checked against the one the same request got before the outage; writes run throughout too, with an API key.
 * Counted: wrong answers and 5xx on evaluation (there must be none), answers marked stale during the outage (there
 * must be some), answers with the SDK key once its cache entry has expired, the slowest evaluation during the outage,
 * and what each write left in the database: all of it or nothing, and nothing for a write that began and ended within
 * the outage.
 */
class DatabaseOutageIT {

    /** Shorter than the standard 10 s, so that the outage need not last as long to outlive a checked key. */
    private static final Duration KEY_CACHE_TTL = Duration.ofSeconds(3);
    /**
     * Longer than the pool's connection timeout (5 s), so that writes waiting on it get their 503 while the outage lasts,
     * and than the key cache's time to live, less the second of load before it, so that the SDK key's entry expires
     * during it.
     */
    private static final Duration OUTAGE = Duration.ofSeconds(7);

    private static final int LOAD_THREADS = 4;
    private static final List<String> FLAGS = List.of("checkout", "banner", "kill-switch");
    private static final List<String> USERS = List.of("vip", "u1", "u2", "u3", "u4", "u5", "u6", "u7");
    private static final String STALE = "X-Bunting-Config-Stale";

    private TcpProxy proxy;
    private TestServer server;

    @BeforeEach
    void startTheRunnerBehindAProxy() {
        server = TestServer.start(this::throughAProxy, KEY_CACHE_TTL);
    }

    @AfterEach
    void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            proxy.close();
        }
    }

    private DatabaseUrl throughAProxy(DatabaseUrl database) {
        URI direct = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        proxy = TcpProxy.to(direct.getHost(), direct.getPort() < 0 ? 5432 : direct.getPort());
        String proxied = database.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
        return new DatabaseUrl(proxied, database.user(), database.password());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void evaluations_answer_through_the_outage_marked_stale_while_writes_get_503_and_leave_all_or_nothing()
            throws Exception {
        seed_flags();
        String apiKey = server.asAdmin(
                        "POST", "/keys", "{\"name\":\"pipeline\",\"kind\":\"api\",\"role\":\"developer\"}")
                .text("key");
        String sdkKey = server.asAdmin(
                        "POST", "/keys", "{\"name\":\"web\",\"kind\":\"sdk\",\"environment\":\"production\"}")
                .text("key");
        JsonNode checkoutBefore = server.asAdmin("GET", "/flags/checkout/environments/staging", null)
                .json();
        Map<Probe, String> expected = new LinkedHashMap<>();
        long sdkKeyCachedAt = System.nanoTime();
        for (Probe probe : Probe.all(sdkKey)) {
            TestServer.Reply reply = probe.send(server);
            assertThat(reply.status()).as("%s: %s", probe, reply.body()).isEqualTo(200);
            expected.put(probe, probe.answer(reply));
        }

        long downAt;
        long upAt;
        TestServer.Reply neverSeen;
        TestServer.Reply toggleDuring;
        long freshAgainAt;
        TestServer.Reply changedAfter;
        try (Load load = new Load(server, expected);
                Writer writer = new Writer(server, apiKey)) {
            Thread.sleep(1_000);
            load.gate.writeLock().lock();
            try {
                // acknowledged just before the cut, this write empties the config cache, so the outage meets a miss
                server.send("POST", "/flags", "{\"key\":\"before-outage\"}", apiKey)
                        .isSuccess();
                proxy.takeDown();
                downAt = System.nanoTime();
            } finally {
                load.gate.writeLock().unlock();
            }
            Thread.sleep(300);
            neverSeen = server.send("GET", "/evaluate/checkout?environment_key=development&user_id=u1", null, null);
            toggleDuring =
                    server.send("PATCH", "/flags/checkout/environments/staging/toggle", "{\"enabled\":false}", apiKey);
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - downAt) / 1_000_000));
            proxy.bringUp();
            upAt = System.nanoTime();
            freshAgainAt = load.firstFreshAnswerAfter(upAt, Duration.ofSeconds(10));
            server.send("POST", "/flags", "{\"key\":\"after-recovery\"}", apiKey)
                    .isSuccess();
            server.send("PATCH", "/flags/after-recovery/environments/staging/toggle", "{\"enabled\":true}", apiKey)
                    .isSuccess();
            changedAfter =
                    server.send("GET", "/evaluate/after-recovery?environment_key=staging&user_id=u1", null, null);
            Thread.sleep(1_000);
            load.stop();
            writer.stop();

            Counts before = load.count(sample -> sample.end() < downAt);
            Counts during = load.count(sample -> sample.start() > downAt && sample.end() < upAt);
            Counts after = load.count(sample -> sample.start() > upAt);
            Counts all = load.count(sample -> true);
            long slowestDuringMillis = load.slowestMillis(sample -> sample.start() > downAt && sample.end() < upAt);
            Counts sdkKeyExpired = load.count(sample -> sample.probe().key() != null
                    && sample.start() > sdkKeyCachedAt + KEY_CACHE_TTL.toNanos()
                    && sample.end() < upAt);
            WriteCounts writes = writer.check(downAt, upAt);
            System.out.printf(
                    "DatabaseOutageIT: %d evaluations (%d before the outage, %d during, %d after); wrong %d; 5xx %d; "
                            + "stale: %d before, %d of %d during, %d after; %d with the SDK key after its cache entry expired; slowest during "
                            + "the outage %d ms; fresh again %d ms after the database came back%n",
                    all.total(),
                    before.total(),
                    during.total(),
                    after.total(),
                    all.wrong(),
                    all.serverErrors(),
                    before.stale(),
                    during.stale(),
                    during.total(),
                    after.stale(),
                    sdkKeyExpired.total(),
                    slowestDuringMillis,
                    (freshAgainAt - upAt) / 1_000_000);
            System.out.printf(
                    "DatabaseOutageIT: %d writes: %d acknowledged and all present; %d answered 503, %d of them begun and ended "
                            + "within the outage and absent; %d half-done%n",
                    writes.attempts(),
                    writes.acknowledged(),
                    writes.unavailable(),
                    writes.withinTheOutage(),
                    writes.halfDone());

            assertThat(all.wrong())
                    .as("wrong answers; first: %s", load.firstWrong())
                    .isZero();
            assertThat(all.serverErrors())
                    .as("5xx on evaluation; first: %s", load.firstWrong())
                    .isZero();
            assertThat(during.stale())
                    .as("answers marked stale during the outage")
                    .isPositive();
            assertThat(sdkKeyExpired.total())
                    .as("answers with the SDK key after its cache entry expired")
                    .isPositive();
            assertThat(slowestDuringMillis)
                    .as("no evaluation waits on the pool's timeout")
                    .isLessThan(2_000);
            assertThat(writes.halfDone()).isZero();
            assertThat(writes.lost())
                    .as("acknowledged writes missing, or 503s within the outage present")
                    .isEmpty();
        }

        neverSeen.isProblem(503);
        assertThat(neverSeen.headers().firstValue("Retry-After")).hasValue("1");
        toggleDuring.isProblem(503);
        assertThat(toggleDuring.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(server.asAdmin("GET", "/flags/checkout/environments/staging", null)
                        .json())
                .as("the toggle tried during the outage left no trace")
                .isEqualTo(checkoutBefore);
        assertThat(server.asAdmin("GET", "/flags/before-outage", null).text("key"))
                .isEqualTo("before-outage");
        assertThat(freshAgainAt - upAt)
                .as("nanoseconds until a fresh answer")
                .isLessThan(Duration.ofSeconds(5).toNanos());
        assertThat(changedAfter.status()).isEqualTo(200);
        assertThat(changedAfter.json().path("value").asBoolean())
                .as("a change after the outage shows at once")
                .isTrue();
        assertThat(changedAfter.headers().firstValue(STALE)).isEmpty();
    }

    /** In staging and production: a split with a target, a string flag with a target and a fallthrough, and a flag that is off. */
    private void seed_flags() {
        server.asAdmin("POST", "/flags", "{\"key\":\"checkout\"}");
        server.asAdmin("POST", "/flags", """
                {"key": "banner", "kind": "string", "variants": [{"key": "red", "value": "red"}, {"key": "green", "value": "green"}]}
                """);
        server.asAdmin("POST", "/flags", "{\"key\":\"kill-switch\"}");
        for (String environment : List.of("staging", "production")) {
            String configs = "/flags/%s/environments/" + environment;
            server.asAdmin("PATCH", configs.formatted("checkout") + "/rollout", "{\"percentage\":50}");
            server.asAdmin(
                    "POST", configs.formatted("checkout") + "/targets", "{\"variant\":\"true\",\"unit\":\"vip\"}");
            server.asAdmin("PATCH", configs.formatted("checkout") + "/toggle", "{\"enabled\":true}");
            server.asAdmin("POST", configs.formatted("banner") + "/targets", "{\"variant\":\"green\",\"unit\":\"u3\"}");
            server.asAdmin("PATCH", configs.formatted("banner") + "/toggle", "{\"enabled\":true}");
        }
    }

    private enum Route {
        REST_SINGLE,
        REST_BULK,
        OFREP_SINGLE,
        OFREP_BULK
    }

    /**
     * One evaluation request of the load: anonymous in staging, which is public, or with an SDK key ({@code key}) in
     * production; a route, a flag for single evaluations, a user.
     */
    private record Probe(Route route, String flag, String user, String key) {

        static List<Probe> all(String sdkKey) {
            List<Probe> probes = new ArrayList<>();
            for (String user : USERS) {
                for (String flag : FLAGS) {
                    probes.add(new Probe(Route.REST_SINGLE, flag, user, null));
                    probes.add(new Probe(Route.OFREP_SINGLE, flag, user, null));
                    probes.add(new Probe(Route.REST_SINGLE, flag, user, sdkKey));
                    probes.add(new Probe(Route.OFREP_SINGLE, flag, user, sdkKey));
                }
                probes.add(new Probe(Route.REST_BULK, null, user, null));
                probes.add(new Probe(Route.OFREP_BULK, null, user, null));
            }
            return probes;
        }

        TestServer.Reply send(TestServer server) {
            String context = "{\"context\":{\"targetingKey\":\"" + user + "\"}}";
            String environment = key == null ? "staging" : "production";
            return switch (route) {
                case REST_SINGLE ->
                    server.send(
                            "GET",
                            "/evaluate/" + flag + "?environment_key=" + environment + "&user_id=" + user,
                            null,
                            key);
                case REST_BULK ->
                    server.send("POST", "/evaluate", "{\"environment\":\"staging\"," + context.substring(1), null);
                // an SDK key names its environment
                case OFREP_SINGLE ->
                    server.send(
                            "POST",
                            "/ofrep/v1/evaluate/flags/" + flag + (key == null ? "?environment=staging" : ""),
                            context,
                            key);
                case OFREP_BULK -> server.send("POST", "/ofrep/v1/evaluate/flags?environment=staging", context, null);
            };
        }

        /**
         * The answer, less what changes during the test without being under test: flags the writes add (in bulk
         * answers), the flag set's version, and OFREP's "stale" metadata, which the header is checked against instead.
         */
        String answer(TestServer.Reply reply) {
            JsonNode body = reply.json();
            return switch (route) {
                case REST_SINGLE -> body.toString();
                case OFREP_SINGLE -> withoutStale(body).toString();
                case REST_BULK, OFREP_BULK -> {
                    ArrayNode loaded = JsonNodeFactory.instance.arrayNode();
                    body.path("flags").forEach(flag -> {
                        String key = flag.has("flag_key")
                                ? flag.path("flag_key").asText()
                                : flag.path("key").asText();
                        if (FLAGS.contains(key)) {
                            loaded.add(withoutStale(flag));
                        }
                    });
                    yield loaded.toString();
                }
            };
        }

        private static JsonNode withoutStale(JsonNode answer) {
            ObjectNode copy = answer.deepCopy();
            if (copy.path("metadata") instanceof ObjectNode metadata) {
                metadata.remove("stale");
                if (metadata.isEmpty()) {
                    copy.remove("metadata");
                }
            }
            return copy;
        }
    }

    /** @param status -1 when the request itself failed */
    private record Sample(Probe probe, long start, long end, int status, boolean stale, boolean right, String body) {}

    private record Counts(long total, long wrong, long serverErrors, long stale) {}

    /** Threads sending every probe round and round; the gate lets the test act between two requests. */
    private static final class Load implements AutoCloseable {
        final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
        private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;

        Load(TestServer server, Map<Probe, String> expected) {
            List<Probe> probes = List.copyOf(expected.keySet());
            for (int t = 0; t < LOAD_THREADS; t++) {
                int offset = t * probes.size() / LOAD_THREADS;
                threads.add(Thread.ofPlatform().name("load-" + t).start(() -> {
                    for (int i = offset; running; i++) {
                        Probe probe = probes.get(i % probes.size());
                        gate.readLock().lock();
                        try {
                            samples.add(sample(server, probe, expected.get(probe)));
                        } finally {
                            gate.readLock().unlock();
                        }
                    }
                }));
            }
        }

        private static Sample sample(TestServer server, Probe probe, String expected) {
            long start = System.nanoTime();
            try {
                TestServer.Reply reply = probe.send(server);
                boolean right = reply.status() == 200 && probe.answer(reply).equals(expected);
                return new Sample(
                        probe,
                        start,
                        System.nanoTime(),
                        reply.status(),
                        reply.headers().firstValue(STALE).isPresent(),
                        right,
                        reply.body());
            } catch (RuntimeException e) {
                return new Sample(probe, start, System.nanoTime(), -1, false, false, e.toString());
            }
        }

        /** When the first answer not marked stale came, of those sent after {@code after}; waits up to {@code limit}. */
        long firstFreshAnswerAfter(long after, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                long first = samples.stream()
                        .filter(s -> s.start() > after && s.status() == 200 && !s.stale())
                        .mapToLong(Sample::end)
                        .min()
                        .orElse(Long.MAX_VALUE);
                if (first != Long.MAX_VALUE) {
                    return first;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no fresh answer within " + limit + " of the database coming back");
        }

        Counts count(Predicate<Sample> which) {
            List<Sample> chosen = samples.stream().filter(which).toList();
            return new Counts(
                    chosen.size(),
                    chosen.stream().filter(s -> s.status() < 500 && !s.right()).count(),
                    chosen.stream().filter(s -> s.status() >= 500).count(),
                    chosen.stream().filter(Sample::stale).count());
        }

        long slowestMillis(Predicate<Sample> which) {
            return samples.stream()
                            .filter(which)
                            .mapToLong(s -> s.end() - s.start())
                            .max()
                            .orElse(0)
                    / 1_000_000;
        }

        String firstWrong() {
            return samples.stream()
                    .filter(s -> !s.right())
                    .findFirst()
                    .map(Sample::toString)
                    .orElse("none");
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread thread : threads) {
                thread.join();
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    /** @param lost acknowledged writes missing afterwards, and writes answered 503 within the outage found afterwards */
    private record WriteCounts(
            int attempts, int acknowledged, int unavailable, int withinTheOutage, long halfDone, List<String> lost) {}

    /** One thread creating flags one after another with an API key, noting what each was answered. */
    private static final class Writer implements AutoCloseable {

        private record Attempt(String key, long start, long end, int status) {}

        private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        private final TestServer server;
        private final Thread thread;
        private volatile boolean running = true;

        Writer(TestServer server, String apiKey) {
            this.server = server;
            this.thread = Thread.ofPlatform().name("writer").start(() -> {
                for (int n = 0; running; n++) {
                    String key = "write-" + n;
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = server.send("POST", "/flags", "{\"key\":\"" + key + "\"}", apiKey)
                                .status();
                    } catch (RuntimeException e) {
                        status = -1;
                    }
                    attempts.add(new Attempt(key, start, System.nanoTime(), status));
                    pause();
                }
            });
        }

        /** A few writes a second: enough to cross the outage's edges, few enough to keep bulk answers small. */
        private static void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        WriteCounts check(long downAt, long upAt) {
            // a creation is two inserts in one transaction, the flag and its audit entry: one without the other is
            // half-done
            long halfDone = Long.parseLong(server.column("""
                    SELECT count(*) FROM flags f WHERE f.key LIKE ? AND NOT EXISTS (
                        SELECT 1 FROM audit_log a WHERE a.entity_type = 'flag' AND a.entity_id = f.key AND a.action = 'flag.created')
                    """, "write-%").getFirst())
                    + Long.parseLong(server.column("""
                    SELECT count(*) FROM audit_log a WHERE a.entity_type = 'flag' AND a.action = 'flag.created' AND a.entity_id LIKE ?
                        AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.key = a.entity_id)
                    """, "write-%").getFirst());
            Set<String> present = new HashSet<>(server.column("SELECT key FROM flags WHERE key LIKE ?", "write-%"));
            List<String> lost = new ArrayList<>();
            int acknowledged = 0;
            int unavailable = 0;
            int within = 0;
            for (Attempt attempt : attempts) {
                boolean isWithin = attempt.start() > downAt && attempt.end() < upAt;
                if (attempt.status() == 201) {
                    acknowledged++;
                    if (!present.contains(attempt.key())) {
                        lost.add(attempt.key() + " was acknowledged but is missing");
                    }
                }
                if (attempt.status() == 503) {
                    unavailable++;
                }
                if (isWithin) {
                    within++;
                    if (attempt.status() != 503 || present.contains(attempt.key())) {
                        lost.add(attempt.key() + " began and ended within the outage, answered " + attempt.status()
                                + (present.contains(attempt.key()) ? ", and is present" : ""));
                    }
                }
            }
            return new WriteCounts(attempts.size(), acknowledged, unavailable, within, halfDone, lost);
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
