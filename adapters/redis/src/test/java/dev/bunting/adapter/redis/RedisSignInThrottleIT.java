package dev.bunting.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.port.SignInThrottle;
import dev.bunting.domain.port.SignInThrottleContract;
import dev.bunting.domain.port.ThrottleUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** The throttle contract on a real Redis, plus what only this adapter promises: shared counts, expiry, failing closed. */
abstract class RedisSignInThrottleIT extends SignInThrottleContract {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final String ALICE = "account:alice@example.com";
    private static final String ADDRESS = "address:203.0.113.7";

    private final RedisSettings settings = TestRedis.freshNamespace();
    private final List<RedisCalls> connections = new ArrayList<>();

    @Override
    protected SignInThrottle newThrottle(Clock clock, int maxFailures, Duration window) {
        return new RedisSignInThrottle(connect(settings), clock, maxFailures, window);
    }

    @AfterEach
    void cleanUp() {
        connections.forEach(RedisCalls::close);
        TestRedis.deleteNamespace(settings);
    }

    @Test
    void instances_on_one_redis_share_their_counts() {
        SignInThrottle first = newThrottle(NOW, 3, WINDOW);
        SignInThrottle second = newThrottle(NOW, 3, WINDOW);

        first.recordFailure(ALICE);
        second.recordFailure(ALICE);
        first.recordFailure(ALICE);

        assertThat(second.waitBefore(ALICE)).isEqualTo(WINDOW);
        second.recordSuccess(ALICE);
        assertThat(first.waitBefore(ALICE)).isZero();
    }

    @Test
    void installations_in_other_namespaces_do_not_see_each_others_failures() {
        RedisSettings elsewhere = TestRedis.freshNamespace();
        try {
            SignInThrottle here = newThrottle(NOW, 1, WINDOW);
            SignInThrottle there = new RedisSignInThrottle(connect(elsewhere), NOW, 1, WINDOW);

            here.recordFailure(ALICE);

            assertThat(here.waitBefore(ALICE)).isEqualTo(WINDOW);
            assertThat(there.waitBefore(ALICE)).isZero();
        } finally {
            TestRedis.deleteNamespace(elsewhere);
        }
    }

    @Test
    void a_key_expires_a_window_after_its_latest_failure_and_a_success_deletes_it() {
        SignInThrottle throttle = newThrottle(NOW, 3, WINDOW);

        throttle.recordFailure(ALICE);

        assertThat(TestRedis.signInFailuresTimeToLive(settings, ALICE))
                .isPositive()
                .isLessThanOrEqualTo(WINDOW)
                .isGreaterThan(WINDOW.minusMinutes(1));
        throttle.recordSuccess(ALICE);
        assertThat(TestRedis.keyCount(settings)).isZero();
    }

    @Test
    void a_key_that_keeps_failing_holds_no_more_failures_than_the_limit() {
        SignInThrottle throttle = newThrottle(NOW, 3, WINDOW);

        for (int i = 0; i < 10; i++) {
            throttle.recordFailure(ALICE);
        }

        assertThat(TestRedis.signInFailuresHeld(settings, ALICE)).isEqualTo(3);
    }

    @Test
    void nothing_connects_until_the_first_use() {
        RedisSettings named = new RedisSettings(
                settings.url() + "?clientName=" + settings.namespace().replace(':', '-') + "lazy",
                settings.namespace());
        SignInThrottle throttle = new RedisSignInThrottle(connect(named), NOW, 3, WINDOW);
        String clientName = "name=" + settings.namespace().replace(':', '-') + "lazy";

        assertThat(TestRedis.clientList()).doesNotContain(clientName);
        throttle.waitBefore(ALICE);
        assertThat(TestRedis.clientList()).contains(clientName);
    }

    @Test
    void when_no_redis_answers_every_operation_fails_with_the_ports_exception_without_the_password() {
        SignInThrottle throttle = new RedisSignInThrottle(connect(TestRedis.nowhere()), NOW, 3, WINDOW);

        assertThatThrownBy(() -> throttle.waitBefore(ALICE))
                .isInstanceOf(ThrottleUnavailableException.class)
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("not-a-real-password"));
        assertThatThrownBy(() -> throttle.recordFailure(ALICE)).isInstanceOf(ThrottleUnavailableException.class);
        assertThatThrownBy(() -> throttle.recordSuccess(ALICE)).isInstanceOf(ThrottleUnavailableException.class);
    }

    /** A Redis of this test's own, as the shared one must not be stopped. */
    @Test
    void a_redis_that_is_not_there_fails_fast_and_is_used_again_as_soon_as_it_is_back() throws IOException {
        int port = TestRedis.freePort();
        SignInThrottle throttle = new RedisSignInThrottle(
                connect(new RedisSettings("redis://127.0.0.1:" + port, "bunting:")), NOW, 3, WINDOW);
        assertThatThrownBy(() -> throttle.recordFailure(ALICE))
                .as("before it starts")
                .isInstanceOf(ThrottleUnavailableException.class);

        RedisServer server = TestRedis.startEmbedded(port);
        try {
            throttle.recordFailure(ALICE);
        } finally {
            server.stop();
        }
        long started = System.nanoTime();
        assertThatThrownBy(() -> throttle.waitBefore(ALICE))
                .as("once stopped")
                .isInstanceOf(ThrottleUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

        RedisServer again = TestRedis.startEmbedded(port);
        try {
            throttle.recordFailure(ALICE);
            assertThat(throttle.waitBefore(ALICE))
                    .as("an empty Redis, as this one persists nothing, holding the new failure only")
                    .isZero();
        } finally {
            again.stop();
        }
    }

    @Test
    void the_test_helper_that_ages_failures_releases_keys_as_the_passing_of_the_window_would() {
        SignInThrottle throttle = newThrottle(NOW, 2, WINDOW);
        for (String key : List.of(ALICE, ADDRESS)) {
            throttle.recordFailure(key);
            throttle.recordFailure(key);
        }

        TestRedis.ageSignInFailures(settings, WINDOW.minusMinutes(1));
        assertThat(throttle.waitBefore(ALICE)).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.waitBefore(ADDRESS)).isEqualTo(Duration.ofMinutes(1));
        TestRedis.ageSignInFailures(settings, Duration.ofMinutes(1));
        assertThat(throttle.waitBefore(ALICE)).isZero();
        assertThat(throttle.waitBefore(ADDRESS)).isZero();
    }

    private static String stackTrace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private RedisCalls connect(RedisSettings redis) {
        RedisCalls connection = newConnection(redis);
        connections.add(connection);
        return connection;
    }

    /** A connection of the client the suite runs on; each client module runs it. */
    abstract RedisCalls newConnection(RedisSettings redis);
}
