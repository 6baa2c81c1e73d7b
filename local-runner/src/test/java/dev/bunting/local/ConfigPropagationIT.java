package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.redis.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How soon a config change made through one instance shows on another: two local runners on one database and one Redis
 * (the test server, in a namespace of this class's own). A flag is switched 200 times through the first; after each
 * write's response the second is asked at once, and again without pause until it serves the new value.
 *
 * <p>The cache promises that every evaluation starting after a write's response sees it, so the very first evaluation
 * must already serve the new value; what is measured is then one evaluation's round trip, including the reload from the
 * store that the change makes the second instance do.
 */
class ConfigPropagationIT {

    private static final int CHANGES = 200;
    private static final String FLAG = "propagation";
    private static final Duration GIVE_UP = Duration.ofSeconds(2);
    private static final Duration TARGET_P99 = Duration.ofMillis(100);

    @Test
    void every_change_through_one_instance_is_served_by_the_other_from_the_first_evaluation_after_the_write() {
        RedisSettings redis = TestRedis.freshNamespace();
        try (TwoInstances instances = new TwoInstances(redis)) {
            instances.asAdmin(instances.first(), "POST", "/flags", "{\"key\":\"" + FLAG + "\"}");
            assertThat(instances.evaluate(instances.second(), FLAG).value())
                    .as("cached on the second before any change")
                    .isFalse();

            List<Long> visibleAfterNanos = new ArrayList<>();
            List<Long> writeNanos = new ArrayList<>();
            int staleFirstAnswers = 0;
            for (int change = 0; change < CHANGES; change++) {
                boolean enabled = change % 2 == 0;
                long sent = System.nanoTime();
                assertThat(instances.toggle(instances.first(), FLAG, enabled)).isEqualTo(200);
                long responded = System.nanoTime();
                writeNanos.add(responded - sent);

                TwoInstances.Evaluated first = instances.evaluate(instances.second(), FLAG);
                assertThat(first.status()).isEqualTo(200);
                if (first.value() != enabled) {
                    staleFirstAnswers++;
                }
                TwoInstances.Evaluated latest = first;
                while (latest.value() != enabled && System.nanoTime() - responded < GIVE_UP.toNanos()) {
                    latest = instances.evaluate(instances.second(), FLAG);
                }
                assertThat(latest.value())
                        .as("change %d served by the second within %s", change, GIVE_UP)
                        .isEqualTo(enabled);
                visibleAfterNanos.add(System.nanoTime() - responded);
            }

            System.out.println("ConfigPropagationIT: " + CHANGES
                    + " changes. From the write's response on instance 1 to the new value served by "
                    + "instance 2, " + Latencies.distribution(visibleAfterNanos)
                    + "; first evaluations serving the old value: "
                    + staleFirstAnswers
                    + ". The writes themselves (commit, announcement, confirmations), "
                    + Latencies.distribution(writeNanos));
            assertThat(staleFirstAnswers)
                    .as("evaluations that started after the write's response yet served the old value")
                    .isZero();
            assertThat(Latencies.percentile(visibleAfterNanos, 99)).as("p99").isLessThanOrEqualTo(TARGET_P99.toNanos());
        } finally {
            TestRedis.deleteNamespace(redis);
        }
    }
}
