package dev.bunting.sdk;

import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Variant;
import dev.bunting.domain.flag.VariantKey;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Flags held in memory, for an application's own tests: set a flag's value (or a whole flag and config, with rules and
 * splits) and every client made from this sees it at once, through the same evaluator as production. Nothing is
 * sent anywhere; tracked events and exposures are kept here, to assert on.
 *
 * <pre>{@code
 * TestFlags flags = new TestFlags().set("new-checkout", true);
 * BuntingClient client = flags.client();
 * }</pre>
 */
public final class TestFlags {

    private final Evaluator evaluator = Evaluators.standard();
    private final Map<String, Snapshot.SnapshotFlag> flags = new LinkedHashMap<>();
    private final List<BuntingClient> clients = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();
    private int version;

    /** A boolean flag serving {@code value} to everyone. */
    public TestFlags set(String key, boolean value) {
        return set(key, FlagKind.BOOLEAN, Flag.booleanVariants(), new VariantKey(Boolean.toString(value)));
    }

    /** A string flag serving {@code value} to everyone. */
    public TestFlags set(String key, String value) {
        return set(
                key,
                FlagKind.STRING,
                List.of(new Variant(new VariantKey("value"), value, null)),
                new VariantKey("value"));
    }

    /** A number flag serving {@code value} to everyone. */
    public TestFlags set(String key, BigDecimal value) {
        return set(
                key,
                FlagKind.NUMBER,
                List.of(new Variant(new VariantKey("value"), value, null)),
                new VariantKey("value"));
    }

    /** A JSON flag serving {@code value} (maps, lists, strings, BigDecimal numbers, booleans) to everyone. */
    public TestFlags setJson(String key, Object value) {
        return set(
                key,
                FlagKind.JSON,
                List.of(new Variant(new VariantKey("value"), value, null)),
                new VariantKey("value"));
    }

    /**
     * A flag with a config of its own: targets, rules, splits. {@code experiment}, when not null, names an experiment
     * running on it, so that evaluations its fallthrough split decides are reported as exposures.
     */
    public synchronized TestFlags set(Flag flag, FlagConfig config, String experiment) {
        flags.put(flag.key().value(), new Snapshot.SnapshotFlag(evaluator.prepare(flag, config), experiment));
        publish();
        return this;
    }

    public synchronized TestFlags remove(String key) {
        flags.remove(key);
        publish();
        return this;
    }

    /** A client on these flags; it never contacts a server. */
    public BuntingClient client() {
        BuntingOptions options = BuntingOptions.builder("http://localhost")
                .environment("test")
                .mode(SyncMode.NO_THREADS)
                .build();
        EventQueue events = new EventQueue(options.eventCapacity(), this::collect, null, Clock.systemUTC());
        BuntingClient client = BuntingClient.inMemory(options, events);
        synchronized (this) {
            client.apply(snapshot(), false);
        }
        client.health().reachable();
        clients.add(client);
        return client;
    }

    /** The events clients sent (flushed or closed), as {@code POST /events} would have received them. */
    public List<Map<String, Object>> sentEvents() {
        for (BuntingClient client : clients) {
            client.flush();
        }
        return List.copyOf(sent);
    }

    private int collect(String body, String idempotencyKey, Duration timeout) {
        Map<?, ?> batch = (Map<?, ?>) Json.parse(body);
        for (Object event : (List<?>) batch.get("events")) {
            Map<String, Object> copy = new HashMap<>();
            ((Map<?, ?>) event).forEach((name, value) -> copy.put(String.valueOf(name), value));
            sent.add(copy);
        }
        return 202;
    }

    private TestFlags set(String key, FlagKind kind, List<Variant> variants, VariantKey served) {
        Flag flag = new Flag(
                new FlagKey(key),
                key,
                "",
                List.of(),
                kind,
                variants,
                key,
                Flag.TARGETING_KEY,
                1,
                Instant.EPOCH,
                Instant.EPOCH);
        FlagConfig config = new FlagConfig(true, served, List.of(), List.of(), new Serve.Fixed(served));
        return set(flag, config, null);
    }

    private void publish() {
        Snapshot next = snapshot();
        for (BuntingClient client : clients) {
            client.apply(next, false);
        }
    }

    private Snapshot snapshot() {
        version++;
        List<Snapshot.SnapshotFlag> ordered = new ArrayList<>(flags.values());
        return new Snapshot(
                "test-" + version, null, Map.copyOf(flags), ordered.toArray(Snapshot.SnapshotFlag[]::new), "");
    }
}
