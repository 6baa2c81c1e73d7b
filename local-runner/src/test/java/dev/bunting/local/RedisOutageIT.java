package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.redis.OwnRedis;
import dev.bunting.adapter.redis.RedisSettings;
import dev.bunting.adapter.redis.TestRedis;
import dev.bunting.adapter.redis.TestRedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Redis stops and starts again under load: two local runners on one database and a Redis of this test's own, four
 * threads evaluating a flag on them without pause, and a fifth switching the flag every 50 ms through either instance
 * in turn. Throughout, no evaluation may fail, and none may serve a value older than the last write answered before
 * it started; /health says degraded while Redis is away, and the instances go back to caching when it is back, without
 * a restart. Each phase lasts until it has seen enough evaluations and writes, not for a set time, so that a loaded
 * machine lengthens the test rather than thinning it.
 */
class RedisOutageIT {

    private static final String FLAG = "outage";
    private static final Duration WRITE_EVERY = Duration.ofMillis(50);

    /** How long a phase may take to see its evaluations and writes, or an instance to report Redis's state. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** What each phase runs until: evaluations started in it, and writes. */
    private static final int EVALUATIONS_PER_PHASE = 100;

    private static final int WRITES_PER_PHASE = 10;

    private record Write(long started, long answered, boolean value, int status, String phase) {}

    private record Evaluation(long started, long answered, boolean value, int status, String phase) {}

    @Test
    void evaluations_stay_correct_and_available_while_redis_stops_and_starts_again() throws Exception {
        OwnRedis redis = new OwnRedis();
        RedisSettings settings = TestRedisServer.patient(redis.settings());
        List<Write> writes = new CopyOnWriteArrayList<>();
        List<Evaluation> evaluations = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<String> phase = new AtomicReference<>("before");
        ExecutorService load = Executors.newFixedThreadPool(5);
        try (TwoInstances instances = new TwoInstances(settings)) {
            instances.asAdmin(instances.first(), "POST", "/flags", "{\"key\":\"" + FLAG + "\"}");
            List<Future<?>> workers = new ArrayList<>();
            for (LocalServer instance :
                    List.of(instances.first(), instances.second(), instances.first(), instances.second())) {
                workers.add(load.submit(() -> {
                    while (running.get()) {
                        String during = phase.get();
                        long started = System.nanoTime();
                        TwoInstances.Evaluated evaluated = instances.evaluate(instance, FLAG);
                        evaluations.add(new Evaluation(
                                started, System.nanoTime(), evaluated.value(), evaluated.status(), during));
                    }
                    return null;
                }));
            }
            workers.add(load.submit(() -> {
                for (int i = 1; running.get(); i++) {
                    boolean value = i % 2 == 1;
                    String during = phase.get();
                    long started = System.nanoTime();
                    int status = instances.toggle(i % 2 == 1 ? instances.first() : instances.second(), FLAG, value);
                    writes.add(new Write(started, System.nanoTime(), value, status, during));
                    Thread.sleep(WRITE_EVERY);
                }
                return null;
            }));

            await_traffic(evaluations, writes, "before");
            phase.set("down");
            redis.stop();
            await_redis(instances, "degraded");
            await_traffic(evaluations, writes, "down");
            phase.set("back");
            redis.start();
            await_redis(instances, "up");
            await_traffic(evaluations, writes, "back");
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get(10, TimeUnit.SECONDS);
            }

            assertThat(instances.evaluate(instances.second(), FLAG).status()).isEqualTo(200);
            assertThat(TestRedis.configSubscribers(settings))
                    .as("instances subscribed again")
                    .isEqualTo(2);
            assertThat(TestRedis.holdsConfigSnapshot(settings, "development"))
                    .as("the last load after the outage cached in Redis")
                    .isTrue();
        } finally {
            running.set(false);
            load.shutdownNow();
            redis.close();
        }

        long wrong = evaluations.stream()
                .filter(evaluation -> evaluation.status() == 200 && !acceptable(evaluation, writes))
                .count();
        long failed = evaluations.stream()
                .filter(evaluation -> evaluation.status() >= 500)
                .count();
        System.out.println(String.format(
                Locale.ROOT,
                "RedisOutageIT: %d evaluations (%d before the outage, %d while Redis was down, %d after), "
                        + "%d writes (%d while down): %d wrong answers, %d evaluations with 5xx, %d writes not 2xx",
                evaluations.size(),
                inPhase(evaluations, "before"),
                inPhase(evaluations, "down"),
                inPhase(evaluations, "back"),
                writes.size(),
                writes.stream().filter(write -> write.phase().equals("down")).count(),
                wrong,
                failed,
                writes.stream().filter(write -> write.status() / 100 != 2).count()));
        assertThat(inPhase(evaluations, "down"))
                .as("evaluations while Redis was down")
                .isPositive();
        assertThat(failed).as("evaluations answered with 5xx").isZero();
        assertThat(wrong)
                .as("evaluations serving a value older than the last write answered before they started")
                .isZero();
        assertThat(writes)
                .as("writes")
                .allSatisfy(write -> assertThat(write.status()).isEqualTo(200));
    }

    /**
     * Whether an evaluation served the value of the last write answered before it started, or of a later write that
     * had started before it was answered (the flag starts off).
     */
    private static boolean acceptable(Evaluation evaluation, List<Write> writes) {
        int lastAnswered = -1;
        int lastStarted = -1;
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i).answered() < evaluation.started()) {
                lastAnswered = i;
            }
            if (writes.get(i).started() < evaluation.answered()) {
                lastStarted = i;
            }
        }
        for (int i = lastAnswered; i <= lastStarted; i++) {
            boolean value = i < 0 ? false : writes.get(i).value();
            if (value == evaluation.value()) {
                return true;
            }
        }
        return false;
    }

    private static long inPhase(List<Evaluation> evaluations, String phase) {
        return evaluations.stream()
                .filter(evaluation -> evaluation.phase().equals(phase))
                .count();
    }

    /** Waits until the phase has seen its evaluations and writes, as the workers keep going. */
    private static void await_traffic(List<Evaluation> evaluations, List<Write> writes, String phase)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while ((inPhase(evaluations, phase) < EVALUATIONS_PER_PHASE
                        || writes.stream()
                                        .filter(write -> write.phase().equals(phase))
                                        .count()
                                < WRITES_PER_PHASE)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(inPhase(evaluations, phase))
                .as("evaluations started %s the outage", phase)
                .isGreaterThanOrEqualTo(EVALUATIONS_PER_PHASE);
        assertThat(writes.stream().filter(write -> write.phase().equals(phase)).count())
                .as("writes started %s the outage", phase)
                .isGreaterThanOrEqualTo(WRITES_PER_PHASE);
    }

    private static void await_redis(TwoInstances instances, String state) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (LocalServer instance : List.of(instances.first(), instances.second())) {
            while (!instances.health(instance).path("redis").asText().equals(state) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(instances.health(instance).path("redis").asText()).isEqualTo(state);
            assertThat(instances.health(instance).path("status").asText()).isEqualTo("ok");
        }
    }
}
