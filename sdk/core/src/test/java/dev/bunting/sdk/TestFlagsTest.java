package dev.bunting.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import dev.bunting.domain.flag.VariantKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TestFlagsTest {

    private static final BuntingContext ALICE = BuntingContext.of("alice");

    @Test
    void flags_set_in_memory_are_served_at_once_to_every_client() {
        TestFlags flags = new TestFlags().set("on", true).set("name", "blue").set("limit", BigDecimal.TEN);
        BuntingClient client = flags.client();
        List<Set<String>> changes = new CopyOnWriteArrayList<>();
        client.addListener(new ClientListener() {
            @Override
            public void flagsChanged(Set<String> flagKeys) {
                changes.add(flagKeys);
            }
        });

        assertThat(client.status()).isEqualTo(ClientStatus.READY);
        assertThat(client.boolValue("on", false, ALICE)).isTrue();
        assertThat(client.stringValue("name", "", ALICE)).isEqualTo("blue");
        assertThat(client.numberValue("limit", BigDecimal.ZERO, ALICE)).isEqualTo(BigDecimal.TEN);

        flags.set("on", false)
                .setJson("layout", Map.of("columns", new BigDecimal(2)))
                .remove("name");

        assertThat(client.boolValue("on", true, ALICE)).isFalse();
        assertThat(client.jsonValue("layout", null, ALICE)).isEqualTo(Map.of("columns", new BigDecimal(2)));
        assertThat(client.stringValue("name", "gone", ALICE)).isEqualTo("gone");
        assertThat(changes).containsExactly(Set.of("on"), Set.of("layout"), Set.of("name"));
    }

    @Test
    void a_whole_flag_under_experiment_reports_its_exposures_and_tracked_events_in_memory() {
        Flag flag = new Flag(
                new FlagKey("checkout"),
                "checkout",
                "",
                List.of(),
                FlagKind.BOOLEAN,
                Flag.booleanVariants(),
                "salt",
                Flag.TARGETING_KEY,
                1,
                Instant.EPOCH,
                Instant.EPOCH);
        FlagConfig config = new FlagConfig(
                true,
                VariantKey.FALSE,
                List.of(),
                List.of(),
                new Serve.Percentage(Split.booleanRollout(new BigDecimal(50))));
        TestFlags flags = new TestFlags().set(flag, config, "checkout-test");
        BuntingClient client = flags.client();

        client.boolValue("checkout", false, ALICE);
        client.track("purchase", ALICE);

        assertThat(flags.sentEvents()).extracting(event -> event.get("type")).containsExactly("exposure", "track");
        assertThat(client.refresh()).isTrue();
    }
}
