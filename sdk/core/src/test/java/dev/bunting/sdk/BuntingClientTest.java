package dev.bunting.sdk;

import static dev.bunting.sdk.FlagSets.flagSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.evaluation.ErrorCode;
import dev.bunting.domain.evaluation.Evaluation;
import dev.bunting.domain.evaluation.Reason;
import dev.bunting.domain.flag.FlagKind;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuntingClientTest {

    private static final BuntingContext ALICE = BuntingContext.of("alice");

    private final FakeServer server = new FakeServer();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final ClientListener listener = new ClientListener() {
        @Override
        public void statusChanged(ClientStatus status, String message) {
            heard.add(status.name());
        }

        @Override
        public void flagsChanged(Set<String> flagKeys) {
            heard.add("changed " + flagKeys);
        }
    };

    @TempDir
    Path directory;

    @AfterEach
    void stop() {
        server.close();
    }

    private BuntingOptions.Builder options(SyncMode mode) {
        return BuntingOptions.builder(server.url())
                .sdkKey("bnt_sdk_test")
                .mode(mode)
                .pollInterval(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(100))
                .requestTimeout(Duration.ofSeconds(2))
                .flushInterval(Duration.ofHours(1));
    }

    @Test
    void a_started_client_serves_the_flag_set_it_fetched() {
        server.publish(flagSet().bool("on", true, true).bool("off", false, true).planned("plan"));

        try (BuntingClient client =
                BuntingClient.start(options(SyncMode.POLLING).build())) {
            assertThat(client.status()).isEqualTo(ClientStatus.READY);
            assertThat(client.boolValue("on", false, ALICE)).isTrue();
            assertThat(client.boolValue("off", true, ALICE)).isFalse();
            assertThat(client.evaluate("off", ALICE).reason()).isEqualTo(Reason.DISABLED);
            assertThat(client.stringValue(
                            "plan",
                            "none",
                            BuntingContext.builder("bob")
                                    .set("plan", "enterprise")
                                    .build()))
                    .isEqualTo("gold");
            assertThat(client.stringValue("plan", "none", ALICE)).isEqualTo("basic");
            assertThat(client.allFlags(ALICE)).extracting(Evaluation::flagKey).containsExactly("on", "off", "plan");
            assertThat(client.version()).isEqualTo("v1");
        }
    }

    @Test
    void number_and_json_flags_serve_their_values() {
        server.publish(flagSet().number("limit", 42).json("layout", Map.of("columns", 3)));

        try (BuntingClient client =
                BuntingClient.start(options(SyncMode.POLLING).build())) {
            assertThat(client.numberValue("limit", BigDecimal.ONE, ALICE)).isEqualByComparingTo("42");
            assertThat(client.jsonValue("layout", Map.of(), ALICE)).isEqualTo(Map.of("columns", new BigDecimal(3)));
            assertThat(client.jsonValue("limit", "fallback", ALICE)).isEqualTo("fallback");
        }
    }

    @Test
    void fields_the_server_leaves_out_at_their_defaults_are_read_as_those_defaults() {
        Map<String, Object> split = Map.of(
                "split",
                List.of(Map.of("variant", "true", "weight", 5000), Map.of("variant", "false", "weight", 5000)));
        Map<String, Object> rule = Map.of(
                "id",
                "staff",
                "clauses",
                List.of(Map.of("attribute", "email", "operator", "ends_with", "values", List.of("@example.com"))),
                "serve",
                Map.of("variant", "true"));
        Map<String, Object> full = new java.util.LinkedHashMap<>();
        full.put("key", "rollout");
        full.put("kind", "boolean");
        full.put("variants", List.of(Map.of("key", "true", "value", true), Map.of("key", "false", "value", false)));
        full.put("salt", "rollout");
        full.put("bucket_by", "targetingKey");
        full.put(
                "config",
                Map.of(
                        "enabled",
                        true,
                        "off_variant",
                        "false",
                        "targets",
                        List.of(),
                        "rules",
                        List.of(Map.of(
                                "id", "staff",
                                "clauses",
                                        List.of(Map.of(
                                                "attribute",
                                                "email",
                                                "operator",
                                                "ends_with",
                                                "values",
                                                List.of("@example.com"),
                                                "negate",
                                                false,
                                                "ignore_case",
                                                false)),
                                "serve", Map.of("variant", "true"))),
                        "fallthrough",
                        split));
        Map<String, Object> compact = Map.of(
                "key",
                "rollout",
                "config",
                Map.of("enabled", true, "off_variant", "false", "rules", List.of(rule), "fallthrough", split));
        Map<String, Object> off = Map.of("key", "off", "config", Map.of("off_variant", "false", "fallthrough", split));

        try (BuntingClient fromFull = bootstrapped(flagSet().document(full).body());
                BuntingClient fromCompact =
                        bootstrapped(flagSet().document(compact).document(off).body())) {
            for (int i = 0; i < 200; i++) {
                BuntingContext user = BuntingContext.of("user-" + i);
                assertThat(fromCompact.evaluate("rollout", user)).isEqualTo(fromFull.evaluate("rollout", user));
            }
            BuntingContext staff = BuntingContext.builder("bob")
                    .set("email", "bob@example.com")
                    .build();
            assertThat(fromCompact.evaluate("rollout", staff).ruleId()).hasToString("staff");
            assertThat(fromCompact.evaluate("off", ALICE).reason()).isEqualTo(Reason.DISABLED);
            assertThat(fromCompact.evaluate("off", FlagKind.BOOLEAN, ALICE).errorCode())
                    .isNull();
        }
    }

    @Test
    void a_flag_of_another_kind_without_variants_is_refused() {
        String body = flagSet()
                .document(Map.of(
                        "key",
                        "copy",
                        "kind",
                        "string",
                        "config",
                        Map.of("off_variant", "a", "fallthrough", Map.of("variant", "a"))))
                .body();

        assertThatThrownBy(() -> bootstrapped(body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variant");
    }

    private static BuntingClient bootstrapped(String body) {
        return BuntingClient.start(BuntingOptions.builder("http://127.0.0.1:9")
                .environment("production")
                .mode(SyncMode.NO_THREADS)
                .bootstrapJson(body)
                .build());
    }

    @Test
    void errors_give_the_default_with_an_error_code_and_never_throw() {
        server.publish(flagSet().bool("on", true, true).split("split", null));

        try (BuntingClient client =
                BuntingClient.start(options(SyncMode.POLLING).build())) {
            assertThat(client.evaluate("missing", ALICE).errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
            assertThat(client.stringValue("on", "default", ALICE)).isEqualTo("default");
            assertThat(client.evaluate("on", FlagKind.STRING, ALICE).errorCode())
                    .isEqualTo(ErrorCode.TYPE_MISMATCH);
            assertThat(client.evaluate("split", BuntingContext.empty()).errorCode())
                    .isEqualTo(ErrorCode.TARGETING_KEY_MISSING);
            BuntingContext wrongKey = BuntingContext.of(Map.of("targetingKey", true));
            assertThat(client.evaluate("on", wrongKey).errorCode()).isEqualTo(ErrorCode.INVALID_CONTEXT);
            assertThat(client.allFlags(wrongKey)).allMatch(e -> e.errorCode() == ErrorCode.INVALID_CONTEXT);
            assertThat(client.boolValue("split", true, BuntingContext.of(Map.of("user_id", 7))))
                    .isIn(true, false);
        }
    }

    @Test
    void evaluating_a_flag_without_a_split_allocates_nothing() {
        server.publish(flagSet().bool("on", true, true));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();

        try (BuntingClient client =
                BuntingClient.start(options(SyncMode.POLLING).build())) {
            boolean all = true;
            for (int i = 0; i < 200_000; i++) {
                all &= client.boolValue("on", false, ALICE);
            }
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 100_000; i++) {
                all &= client.boolValue("on", false, ALICE);
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;

            assertThat(all).isTrue();
            assertThat(allocated).as("bytes allocated by 100,000 evaluations").isLessThan(1_000);
        }
    }

    @Test
    void polling_serves_a_new_version_and_names_the_flags_that_changed() {
        server.publish(flagSet().bool("a", true, true).bool("b", true, true));
        try (BuntingClient client =
                BuntingClient.start(options(SyncMode.POLLING).build(), listener)) {
            server.publish(flagSet().version("v2").bool("a", true, false).bool("b", true, true));

            eventually(() -> !client.boolValue("a", true, ALICE));
            eventually(() -> server.notModified.get() > 0);

            assertThat(heard).contains("READY", "changed [a]");
            assertThat(client.version()).isEqualTo("v2");
        }
    }

    @Test
    void a_lost_server_makes_the_client_stale_then_in_error_and_it_recovers_when_the_server_returns() {
        server.publish(flagSet().bool("on", true, true));
        try (BuntingClient client = BuntingClient.start(
                options(SyncMode.POLLING)
                        .staleGracePeriod(Duration.ofMillis(500))
                        .build(),
                listener)) {
            server.flagsStatus = 503;
            eventually(() -> client.status() == ClientStatus.STALE);
            assertThat(client.boolValue("on", false, ALICE))
                    .as("the last flag set is still served")
                    .isTrue();
            eventually(() -> client.status() == ClientStatus.ERROR);

            server.flagsStatus = 0;
            eventually(() -> client.status() == ClientStatus.READY);
            assertThat(heard).containsSubsequence("READY", "STALE", "ERROR", "READY");
        }
    }

    @Test
    void a_refused_key_fails_the_start_as_fatal() {
        server.flagsStatus = 403;

        assertThatThrownBy(() -> BuntingClient.start(options(SyncMode.POLLING).build()))
                .isInstanceOfSatisfying(
                        BuntingException.class, e -> assertThat(e.isFatal()).isTrue())
                .hasMessageContaining("refused");
    }

    @Test
    void a_client_side_key_is_refused_before_anything_is_sent() {
        assertThatThrownBy(
                        () -> options(SyncMode.POLLING).sdkKey("bnt_client_abc").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server SDK key");
        assertThat(server.fetches.get()).isZero();
    }

    @Test
    void options_need_an_environment_or_a_key_and_positive_durations() {
        assertThatThrownBy(() -> BuntingOptions.builder(server.url()).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        options(SyncMode.POLLING).pollInterval(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options(SyncMode.POLLING).eventCapacity(0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failing_fast_with_nothing_to_serve_fails_the_start_and_otherwise_defaults_are_served() {
        server.flagsStatus = 503;

        assertThatThrownBy(() -> BuntingClient.start(
                        options(SyncMode.POLLING).failFast(true).build()))
                .isInstanceOfSatisfying(
                        BuntingException.class, e -> assertThat(e.isFatal()).isFalse());
        try (BuntingClient client =
                BuntingClient.start(options(SyncMode.POLLING).build())) {
            assertThat(client.status()).isEqualTo(ClientStatus.ERROR);
            assertThat(client.boolValue("on", true, ALICE)).isTrue();

            server.flagsStatus = 0;
            server.publish(flagSet().bool("on", true, false));
            eventually(() -> client.status() == ClientStatus.READY);
            assertThat(client.boolValue("on", true, ALICE)).isFalse();
        }
    }

    @Test
    void a_bootstrap_flag_set_is_served_at_once_without_a_server() throws Exception {
        Path bootstrap = directory.resolve("flags.json");
        Files.writeString(bootstrap, flagSet().bool("on", true, true).body());
        BuntingOptions fromString = BuntingOptions.builder("http://127.0.0.1:9")
                .environment("production")
                .mode(SyncMode.NO_THREADS)
                .bootstrapJson(flagSet().bool("on", true, true).body())
                .build();
        BuntingOptions fromFile = BuntingOptions.builder("http://127.0.0.1:9")
                .environment("production")
                .mode(SyncMode.NO_THREADS)
                .bootstrapFile(bootstrap)
                .maxAge(Duration.ofHours(1))
                .build();

        try (BuntingClient a = BuntingClient.start(fromString);
                BuntingClient b = BuntingClient.start(fromFile)) {
            assertThat(a.status()).isEqualTo(ClientStatus.READY);
            assertThat(b.status()).isEqualTo(ClientStatus.READY);
            b.refresh();
            assertThat(b.boolValue("on", false, ALICE)).isTrue();
            assertThat(b.status()).isEqualTo(ClientStatus.STALE);
        }
    }

    @Test
    void the_last_known_good_file_is_written_after_each_flag_set_and_served_on_a_cold_start_without_the_server() {
        Path lastKnownGood = directory.resolve("state").resolve("bunting-flags.json");
        server.publish(flagSet().bool("on", true, true));
        try (BuntingClient client = BuntingClient.start(
                options(SyncMode.POLLING).lastKnownGoodFile(lastKnownGood).build())) {
            assertThat(client.boolValue("on", false, ALICE)).isTrue();
        }
        assertThat(lastKnownGood).exists();

        server.flagsStatus = 503;
        try (BuntingClient cold = BuntingClient.start(options(SyncMode.POLLING)
                .lastKnownGoodFile(lastKnownGood)
                .failFast(true)
                .build())) {
            assertThat(cold.boolValue("on", false, ALICE)).isTrue();
            assertThat(cold.status()).isEqualTo(ClientStatus.STALE);
        }
    }

    @Test
    void streaming_serves_each_new_version_and_reconnects_with_the_last_event_id() {
        server.publish(flagSet().bool("on", true, true));
        try (BuntingClient client =
                BuntingClient.start(options(SyncMode.STREAMING).build(), listener)) {
            eventually(() -> server.openStreams() == 1);
            int fetchesBefore = server.fetches.get();
            server.publish(flagSet().version("v2").bool("on", true, false));
            eventually(() -> !client.boolValue("on", true, ALICE));
            assertThat(server.fetches.get()).isEqualTo(fetchesBefore + 1);

            server.streamStatus = 503;
            eventually(() -> server.openStreams() == 0);
            server.streamStatus = 0;
            eventually(() -> server.openStreams() == 1);
            assertThat(server.lastEventIds).contains("null", "v2");
            assertThat(heard).contains("changed [on]");
        }
    }

    @Test
    void a_server_without_streams_is_polled_instead() {
        server.streamStatus = 501;
        server.publish(flagSet().bool("on", true, true));
        try (BuntingClient client =
                BuntingClient.start(options(SyncMode.STREAMING).build())) {
            server.publish(flagSet().version("v2").bool("on", true, false));
            eventually(() -> !client.boolValue("on", true, ALICE));
            assertThat(server.openStreams()).isZero();
        }
    }

    @Test
    void without_threads_nothing_is_opened_at_start_and_evaluations_refresh_at_most_once_per_maximum_age() {
        MutableClock clock = new MutableClock();
        server.publish(flagSet().bool("on", true, true));
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        try (BuntingClient client = BuntingClient.start(options(SyncMode.NO_THREADS)
                .maxAge(Duration.ofSeconds(30))
                .clock(clock)
                .build())) {
            assertThat(server.fetches.get()).as("fetches at start").isZero();
            assertThat(client.boolValue("on", false, ALICE)).isTrue();
            server.publish(flagSet().version("v2").bool("on", true, false));
            clock.advance(Duration.ofSeconds(29));
            assertThat(client.boolValue("on", false, ALICE))
                    .as("within the maximum age")
                    .isTrue();
            assertThat(server.fetches.get()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(1));
            assertThat(client.boolValue("on", true, ALICE))
                    .as("past the maximum age")
                    .isFalse();
            assertThat(client.boolValue("on", true, ALICE)).isFalse();
            assertThat(server.fetches.get()).isEqualTo(2);

            assertThat(client.track("purchase", ALICE)).isTrue();
            assertThat(client.flush()).isTrue();
            assertThat(server.batches).hasSize(1);
            assertThat(newThreads(before)).as("threads started").isEmpty();
        }
    }

    @Test
    void exposures_of_a_split_under_experiment_are_sent_once_per_unit_with_tracked_events() {
        server.publish(flagSet().split("checkout", "checkout-test").split("plain", null));
        try (BuntingClient client =
                BuntingClient.start(options(SyncMode.POLLING).build())) {
            for (int i = 0; i < 3; i++) {
                client.boolValue("checkout", false, ALICE);
                client.boolValue("plain", false, ALICE);
                client.allFlags(BuntingContext.of("bob"));
            }
            client.track("purchase", ALICE, 49.9, Map.of("basket", 3));
            assertThat(client.track("purchase", BuntingContext.empty())).isFalse();

            assertThat(client.flush()).isTrue();

            assertThat(server.batches).hasSize(1);
            List<?> events =
                    (List<?>) ((Map<?, ?>) Json.parse(server.batches.getFirst().body())).get("events");
            assertThat(events).hasSize(3);
            assertThat(events.toString())
                    .contains("type=exposure, flag=checkout", "unit=alice", "unit=bob", "event=purchase", "value=49.9");
            assertThat(server.batches.getFirst().apiKey()).isEqualTo("bnt_sdk_test");
            assertThat(client.sentEvents()).isEqualTo(3);
        }
    }

    @Test
    void a_batch_that_failed_is_sent_again_with_the_same_idempotency_key() {
        server.publish(flagSet().bool("on", true, true));
        server.failingBatches.set(1);
        try (BuntingClient client =
                BuntingClient.start(options(SyncMode.POLLING).build())) {
            client.track("purchase", ALICE);

            assertThat(client.flush()).isTrue();

            assertThat(server.batches).hasSize(2);
            assertThat(server.batches.get(0).idempotencyKey())
                    .isNotBlank()
                    .isEqualTo(server.batches.get(1).idempotencyKey());
        }
    }

    @Test
    void a_full_queue_drops_and_counts_and_closing_flushes_once() {
        server.publish(flagSet().bool("on", true, true));
        BuntingClient client =
                BuntingClient.start(options(SyncMode.POLLING).eventCapacity(2).build());
        for (int i = 0; i < 5; i++) {
            client.track("click", ALICE);
        }
        assertThat(client.droppedEvents()).isEqualTo(3);

        client.close();
        client.close();

        assertThat(server.batches).hasSize(1);
        assertThat(client.sentEvents()).isEqualTo(2);
    }

    @Test
    void events_the_server_cannot_reach_stay_queued_for_the_next_flush() {
        server.publish(flagSet().bool("on", true, true));
        server.failingBatches.set(3);
        try (BuntingClient client =
                BuntingClient.start(options(SyncMode.POLLING).build())) {
            client.track("click", ALICE);

            assertThat(client.flush()).isFalse();
            assertThat(client.flush()).isTrue();
            assertThat(client.sentEvents()).isEqualTo(1);
        }
    }

    /** Threads started since {@code before}, but for the fake server's (its virtual threads' carriers and poller). */
    private static Set<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> !name.startsWith("ForkJoinPool") && !name.endsWith("Poller"))
                .collect(java.util.stream.Collectors.toSet());
    }

    static void eventually(BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
