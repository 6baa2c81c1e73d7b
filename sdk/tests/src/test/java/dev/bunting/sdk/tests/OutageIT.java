package dev.bunting.sdk.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.sdk.BuntingClient;
import dev.bunting.sdk.BuntingContext;
import dev.bunting.sdk.BuntingOptions;
import dev.bunting.sdk.ClientStatus;
import dev.bunting.sdk.SyncMode;
import dev.bunting.sdk.openfeature.BuntingProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server stopped under a running SDK, and an SDK started while the server is down: through OpenFeature, as an
 * application sees it.
 */
class OutageIT {

    private static final ImmutableContext ALICE = new ImmutableContext("alice");

    @TempDir
    Path directory;

    @Test
    void the_sdk_serves_its_last_flag_set_while_the_server_is_down_reports_stale_and_recovers_when_it_returns()
            throws Exception {
        Path lastKnownGood = directory.resolve("bunting-flags.json");
        try (Runner runner = Runner.start(Map.of())) {
            String key = runner.sdkKey("production");
            runner.admin("POST", "/flags", "{\"key\":\"outage-flag\"}");
            runner.admin("PATCH", "/flags/outage-flag/environments/production/rollout", "{\"percentage\":100}");
            runner.admin("PATCH", "/flags/outage-flag/environments/production/toggle", "{\"enabled\":true}");
            BuntingProvider provider = new BuntingProvider(BuntingOptions.builder(runner.baseUrl())
                    .sdkKey(key)
                    .mode(SyncMode.STREAMING)
                    .pollInterval(Duration.ofSeconds(1))
                    .maxBackoff(Duration.ofMillis(500))
                    .lastKnownGoodFile(lastKnownGood)
                    .build());
            String domain = "outage-" + System.nanoTime();
            OpenFeatureAPI.getInstance().setProviderAndWait(domain, provider);
            Client client = OpenFeatureAPI.getInstance().getClient(domain);
            List<String> events = new CopyOnWriteArrayList<>();
            client.onProviderStale(details -> events.add("STALE"));
            client.onProviderReady(details -> events.add("READY"));
            assertThat(client.getBooleanValue("outage-flag", false, ALICE)).isTrue();

            runner.stop();

            Eventually.within(Duration.ofSeconds(15), () -> events.contains("STALE"));
            assertThat(client.getProviderState()).isEqualTo(ProviderState.STALE);
            assertThat(client.getBooleanValue("outage-flag", false, ALICE))
                    .as("the last flag set, served while the server is down")
                    .isTrue();

            runner.restart();

            Eventually.within(Duration.ofSeconds(30), () -> events.lastIndexOf("READY") > events.indexOf("STALE"));
            runner.admin("PATCH", "/flags/outage-flag/environments/production/toggle", "{\"enabled\":false}");
            Eventually.within(Duration.ofSeconds(10), () -> !client.getBooleanValue("outage-flag", true, ALICE));
            assertThat(client.getProviderState()).isEqualTo(ProviderState.READY);
            OpenFeatureAPI.getInstance().getProvider(domain).shutdown();

            runner.stop();
            assertThat(lastKnownGood).exists();
            try (BuntingClient cold = BuntingClient.start(BuntingOptions.builder(runner.baseUrl())
                    .sdkKey(key)
                    .mode(SyncMode.POLLING)
                    .lastKnownGoodFile(lastKnownGood)
                    .failFast(true)
                    .build())) {
                assertThat(cold.status()).isEqualTo(ClientStatus.STALE);
                assertThat(cold.evaluate("outage-flag", BuntingContext.of("alice"))
                                .value())
                        .as("the last known good flag set, after the last change")
                        .isEqualTo(false);
            }
            assertThat(Files.readString(lastKnownGood)).contains("outage-flag");
        }
    }
}
