package peereval.peers;

import dev.bunting.domain.flag.FlagDocuments;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.sdk.BuntingClient;
import dev.bunting.sdk.BuntingContext;
import dev.bunting.sdk.BuntingOptions;
import dev.bunting.sdk.ClientStatus;
import dev.bunting.sdk.SyncMode;
import dev.bunting.sdk.openfeature.BuntingProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.OpenFeatureAPI;
import peereval.LogicalFlags;
import peereval.LogicalFlags.FlagDef;
import peereval.LogicalFlags.Scenario;
import peereval.LogicalFlags.User;
import peereval.Peer;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Bunting SDK ({@code bunting-sdk}) as an application uses it: a {@link BuntingClient} started from a bootstrap
 * file holding the scenario's flags in the form {@code GET /sdk/flags} serves, with events off and a server that is
 * never reached (polling every hour, so no background work during measurement); and the same client behind the
 * Bunting OpenFeature provider, registered with the OpenFeature API under a domain of its own.
 */
public final class BuntingSdkPeer implements Peer {

    private final BuntingClient client;
    private final Client openFeature;

    public BuntingSdkPeer(Scenario scenario) {
        try {
            Path bootstrap = Files.createTempFile("bunting-sdk-bench", ".json");
            bootstrap.toFile().deleteOnExit();
            Files.writeString(bootstrap, flagSet(scenario.flags()));
            client = BuntingClient.start(options(bootstrap));
            if (client.status() == ClientStatus.NOT_READY) {
                throw new IllegalStateException("the SDK did not serve its bootstrap flag set");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String domain = "bunting-sdk-" + scenario;
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, BuntingProvider.on(client));
        openFeature = OpenFeatureAPI.getInstance().getClient(domain);
    }

    /** A client on the bootstrap file; the server (a closed port) is tried once at start and then hourly. */
    public static BuntingOptions options(Path bootstrap) {
        return BuntingOptions.builder("http://127.0.0.1:9")
                .sdkKey("bnt_sdk_benchmark")
                .mode(SyncMode.POLLING)
                .pollInterval(Duration.ofHours(1))
                .maxBackoff(Duration.ofHours(1))
                .initTimeout(Duration.ofMillis(200))
                .sendEvents(false)
                .bootstrapFile(bootstrap)
                .build();
    }

    public BuntingClient client() {
        return client;
    }

    public Client openFeature() {
        return openFeature;
    }

    /** The body of {@code GET /sdk/flags} for these flags, written with the domain's own document writers. */
    public static String flagSet(List<FlagDef> defs) {
        List<Map<String, Object>> flags = new ArrayList<>();
        for (FlagDef def : defs) {
            FlagConfig config = BuntingPeer.config(def);
            Map<String, Object> flag = new LinkedHashMap<>();
            flag.put("key", def.key());
            flag.put("kind", "boolean");
            flag.put("variants", FlagDocuments.writeVariants(dev.bunting.domain.flag.Flag.booleanVariants()));
            flag.put("salt", def.key());
            flag.put("bucket_by", "targetingKey");
            flag.put("config", FlagDocuments.writeConfig(config));
            flags.add(flag);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("environment", "production");
        body.put("version", "bench");
        body.put("flags", flags);
        return write(body);
    }

    /** Attributes as a JSON body would carry them: numbers as numbers, the rest as they are. */
    public static BuntingContext context(User user) {
        return BuntingContext.builder(user.key())
                .set("country", user.country())
                .set("plan", user.plan())
                .set("email", user.email())
                .set("app_version", user.appVersion())
                .set("age", BigDecimal.valueOf(user.age()))
                .set("beta", user.beta())
                .build();
    }

    public static BuntingContext[] contexts(User[] users) {
        BuntingContext[] contexts = new BuntingContext[users.length];
        for (int i = 0; i < users.length; i++) {
            contexts[i] = context(users[i]);
        }
        return contexts;
    }

    @Override
    public String name() {
        return "bunting-sdk";
    }

    @Override
    public Outcome evaluate(String flagKey, User user) {
        var evaluation = client.evaluate(flagKey, context(user));
        String reason = evaluation.reason() + (evaluation.ruleId() == null ? "" : "(" + evaluation.ruleId().value() + ")");
        return new Outcome(Boolean.TRUE.equals(evaluation.value()), reason);
    }

    @Override
    public Map<String, Boolean> evaluateAll(User user) {
        Map<String, Boolean> values = new LinkedHashMap<>();
        client.allFlags(context(user)).forEach(e -> values.put(e.flagKey(), Boolean.TRUE.equals(e.value())));
        return values;
    }

    @Override
    public void close() {
        client.close();
    }

    private static String write(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> fields = new ArrayList<>();
            map.forEach((k, v) -> fields.add(peereval.Json.q(String.valueOf(k)) + ":" + write(v)));
            return "{" + String.join(",", fields) + "}";
        }
        if (value instanceof List<?> list) {
            List<String> elements = new ArrayList<>();
            list.forEach(v -> elements.add(write(v)));
            return "[" + String.join(",", elements) + "]";
        }
        if (value instanceof BigDecimal n) {
            return n.toPlainString();
        }
        return value == null ? "null" : peereval.Json.value(value);
    }
}
