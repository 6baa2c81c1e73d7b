package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.redis.TestRedis;
import dev.bunting.domain.flag.FlagDocuments;
import dev.bunting.domain.flag.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A kill switch works whatever the config: with the largest config allowed on a flag, switching it through the API is
 * served by the very next evaluation after the write's answer, on the instance that took the write and on a second one
 * sharing the database and Redis. What is measured is the time from the write's answer to the first evaluation serving
 * the new value, which includes the reload and compilation of the whole config that the change causes.
 */
class KillSwitchIT {

    private static final String FLAG = "kill-switch";
    private static final int SWITCHES = 10;
    private static final Duration GIVE_UP = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void with_the_largest_config_a_toggle_is_served_by_the_next_evaluation_on_both_instances() throws Exception {
        RedisSettings redis = TestRedis.freshNamespace();
        try (TwoInstances instances = new TwoInstances(redis)) {
            instances.asAdmin(instances.first(), "POST", "/flags", "{\"key\":\"" + FLAG + "\"}");
            Map<String, Object> largest = new LinkedHashMap<>(FlagDocuments.writeConfig(Limits.largestConfig()));
            largest.put("version", 0);
            instances.asAdmin(
                    instances.first(),
                    "PUT",
                    "/flags/" + FLAG + "/environments/development",
                    JSON.writeValueAsString(largest));
            assertThat(instances.evaluate(instances.first(), FLAG).value())
                    .as("on, before any switch")
                    .isTrue();
            assertThat(instances.evaluate(instances.second(), FLAG).value())
                    .as("on, before any switch")
                    .isTrue();

            List<Long> sameInstance = switch_and_watch(instances, instances.first());
            List<Long> otherInstance = switch_and_watch(instances, instances.second());

            System.out.println("KillSwitchIT: with the largest config ("
                    + Limits.largestConfig().rules().size() + " rules), from the toggle's answer to "
                    + "the first evaluation serving the new value, on the instance that took the write "
                    + Latencies.distribution(sameInstance)
                    + "; on the second instance " + Latencies.distribution(otherInstance));
        } finally {
            TestRedis.deleteNamespace(redis);
        }
    }

    /** Switches the flag {@value #SWITCHES} times through the first instance, and evaluates on {@code watched} after each answer. */
    private static List<Long> switch_and_watch(TwoInstances instances, LocalServer watched) {
        List<Long> servedAfterNanos = new ArrayList<>();
        for (int change = 0; change < SWITCHES; change++) {
            boolean enabled = change % 2 == 1;
            assertThat(instances.toggle(instances.first(), FLAG, enabled)).isEqualTo(200);
            long answered = System.nanoTime();

            TwoInstances.Evaluated next = instances.evaluate(watched, FLAG);

            assertThat(next.status()).isEqualTo(200);
            assertThat(next.value())
                    .as("switch %d, the first evaluation after the write's answer", change)
                    .isEqualTo(enabled);
            servedAfterNanos.add(System.nanoTime() - answered);
            assertThat(servedAfterNanos.getLast()).isLessThan(GIVE_UP.toNanos());
        }
        return servedAfterNanos;
    }
}
