package dev.bunting.adapter.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The adapter through the real SDK client, over HTTP, against {@link FakeSecretsManager}. */
class SecretsManagerSecretsTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final String DATABASE = "bunting/database";
    private static final String FIRST = "first-value-hunter2";
    private static final String ROTATED = "rotated-value-correct-horse";
    private static final StaticCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBUNTINGTEST", "test-secret-access-key"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private FakeSecretsManager secretsManager;

    @BeforeEach
    void start() throws IOException {
        secretsManager = FakeSecretsManager.start();
        Logger.getLogger(SecretsManagerSecrets.class.getName()).addHandler(logCapture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger(SecretsManagerSecrets.class.getName()).removeHandler(logCapture);
        secretsManager.close();
    }

    private SecretsManagerSecrets secrets() {
        return secretsAt(secretsManager.endpoint());
    }

    private SecretsManagerSecrets secretsAt(URI endpoint) {
        return new SecretsManagerSecrets(
                () -> SecretsManagerSecrets.client(Region.US_EAST_1, Optional.of(endpoint), TEST_CREDENTIALS),
                clock,
                TTL);
    }

    @Test
    void a_secret_is_read_as_its_secret_string_through_get_secret_value() {
        secretsManager.put(DATABASE, FIRST);

        assertThat(secrets().value(DATABASE)).isEqualTo(FIRST);

        assertThat(secretsManager.requests()).singleElement().satisfies(request -> {
            assertThat(request.target()).isEqualTo(FakeSecretsManager.GET_SECRET_VALUE);
            assertThat(request.contentType()).startsWith(FakeSecretsManager.JSON_1_1);
            assertThat(request.secretId()).isEqualTo(DATABASE);
        });
    }

    @Test
    void the_request_is_signed_with_sig_v4_for_secrets_manager_in_the_region() {
        secretsManager.put(DATABASE, FIRST);

        secrets().value(DATABASE);

        assertThat(secretsManager.requests().getFirst().authorization())
                .startsWith("AWS4-HMAC-SHA256 ")
                .contains("Credential=AKIDBUNTINGTEST/")
                .contains("/us-east-1/secretsmanager/aws4_request");
    }

    @Test
    void a_second_read_within_the_time_to_live_asks_nothing() {
        secretsManager.put(DATABASE, FIRST);
        SecretsManagerSecrets secrets = secrets();
        secrets.value(DATABASE);

        clock.advance(TTL.minusSeconds(1));
        secretsManager.put(DATABASE, ROTATED);

        assertThat(secrets.value(DATABASE)).isEqualTo(FIRST);
        assertThat(secretsManager.requestCount()).isEqualTo(1);
    }

    @Test
    void once_the_time_to_live_has_passed_the_secret_is_read_again_and_a_rotation_shows() {
        secretsManager.put(DATABASE, FIRST);
        SecretsManagerSecrets secrets = secrets();
        secrets.value(DATABASE);

        clock.advance(TTL);
        secretsManager.put(DATABASE, ROTATED);

        assertThat(secrets.value(DATABASE)).isEqualTo(ROTATED);
        assertThat(secretsManager.requestCount()).isEqualTo(2);
    }

    @Test
    void each_secret_is_cached_under_its_own_id() {
        secretsManager.put(DATABASE, FIRST);
        secretsManager.put("bunting/jwt", ROTATED);
        SecretsManagerSecrets secrets = secrets();

        assertThat(secrets.value(DATABASE)).isEqualTo(FIRST);
        assertThat(secrets.value("bunting/jwt")).isEqualTo(ROTATED);
        assertThat(secrets.value(DATABASE)).isEqualTo(FIRST);
        assertThat(secretsManager.requests())
                .extracting(FakeSecretsManager.Request::secretId)
                .containsExactly(DATABASE, "bunting/jwt");
    }

    @Test
    void callers_of_a_due_secret_wait_for_one_read_instead_of_each_asking() throws Exception {
        secretsManager.put(DATABASE, FIRST);
        SecretsManagerSecrets secrets = secrets();
        secrets.value(DATABASE);
        clock.advance(TTL);
        secretsManager.put(DATABASE, ROTATED);
        secretsManager.hold();

        int callers = 8;
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(callers, runnable -> {
            Thread thread = new Thread(runnable);
            threads.add(thread);
            return thread;
        });
        try {
            List<Future<String>> reads = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                reads.add(pool.submit(() -> secrets.value(DATABASE)));
            }
            awaitUntil(
                    "one caller asks while the others wait for it",
                    () -> secretsManager.requestCount() == 2
                            && threads.size() == callers
                            && threads.stream()
                                            .filter(thread -> thread.getState() == Thread.State.WAITING)
                                            .count()
                                    >= callers - 1);
            secretsManager.release();

            for (Future<String> read : reads) {
                assertThat(read.get()).isEqualTo(ROTATED);
            }
            assertThat(secretsManager.requestCount()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void when_a_refresh_fails_the_previous_value_is_served_for_one_more_time_to_live_with_a_warning_that_hides_it() {
        secretsManager.put(DATABASE, FIRST);
        SecretsManagerSecrets secrets = secrets();
        secrets.value(DATABASE);

        clock.advance(TTL);
        secretsManager.fail();

        assertThat(secrets.value(DATABASE)).isEqualTo(FIRST);
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.getLevel()).isEqualTo(Level.WARNING);
            assertThat(warning.getMessage())
                    .contains(DATABASE)
                    .contains("InternalServiceError")
                    .doesNotContain(FIRST);
        });
        clock.advance(TTL.minusSeconds(1));
        assertThat(secrets.value(DATABASE)).isEqualTo(FIRST);
    }

    @Test
    void during_the_grace_a_failing_secrets_manager_is_asked_again_only_after_a_pause() {
        secretsManager.put(DATABASE, FIRST);
        SecretsManagerSecrets secrets = secrets();
        secrets.value(DATABASE);
        clock.advance(TTL);
        secretsManager.fail();
        secrets.value(DATABASE);
        int afterFirstFailure = secretsManager.requestCount();

        clock.advance(SecretsManagerSecrets.RETRY_AFTER_FAILURE.minusSeconds(1));
        assertThat(secrets.value(DATABASE)).isEqualTo(FIRST);
        assertThat(secretsManager.requestCount()).isEqualTo(afterFirstFailure);

        clock.advance(Duration.ofSeconds(1));
        secretsManager.recover();
        secretsManager.put(DATABASE, ROTATED);
        assertThat(secrets.value(DATABASE)).isEqualTo(ROTATED);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void once_the_grace_is_over_the_failure_is_thrown_without_the_previous_value() {
        secretsManager.put(DATABASE, FIRST);
        SecretsManagerSecrets secrets = secrets();
        secrets.value(DATABASE);
        secretsManager.fail();

        clock.advance(TTL.multipliedBy(2));

        assertThatThrownBy(() -> secrets.value(DATABASE))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining(DATABASE)
                .hasMessageContaining("InternalServiceError")
                .hasMessageNotContaining(FIRST)
                .hasNoCause();
        secretsManager.recover();
        assertThat(secrets.value(DATABASE)).isEqualTo(FIRST);
    }

    @Test
    void a_missing_secret_is_reported_as_not_found_naming_its_id() {
        secretsManager.put("bunting/other", FIRST);

        assertThatThrownBy(() -> secrets().value(DATABASE))
                .isInstanceOfSatisfying(
                        SecretUnavailableException.class,
                        e -> assertThat(e.secretId()).isEqualTo(DATABASE))
                .hasMessageStartingWith(
                        "secret '" + DATABASE + "' is unavailable: not found (ResourceNotFoundException, HTTP 400")
                .hasMessageNotContaining(FIRST);
    }

    @Test
    void a_secret_the_role_may_not_read_is_reported_as_access_denied_without_its_value() {
        secretsManager.put(DATABASE, FIRST);
        secretsManager.deny(DATABASE);

        assertThatThrownBy(() -> secrets().value(DATABASE))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageStartingWith(
                        "secret '" + DATABASE + "' is unavailable: access denied (AccessDeniedException, HTTP 400")
                .hasMessageNotContaining(FIRST);
    }

    @Test
    void an_unreachable_secrets_manager_is_reported_by_the_class_of_the_failure() throws IOException {
        URI nobodyListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobodyListens = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        assertThatThrownBy(() -> secretsAt(nobodyListens).value(DATABASE))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining(DATABASE)
                .hasMessageContaining("could not be asked (SdkClientException caused by ConnectException");
    }

    @Test
    void a_binary_secret_is_unavailable_as_text() {
        secretsManager.putBinary(DATABASE);

        assertThatThrownBy(() -> secrets().value(DATABASE))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessage("secret '" + DATABASE + "' is unavailable: it holds binary data, not text");
    }

    @Test
    void the_client_is_made_on_the_first_read_and_only_once() {
        secretsManager.put(DATABASE, FIRST);
        AtomicInteger made = new AtomicInteger();
        SecretsManagerSecrets secrets = new SecretsManagerSecrets(
                () -> {
                    made.incrementAndGet();
                    return SecretsManagerSecrets.client(
                            Region.US_EAST_1, Optional.of(secretsManager.endpoint()), TEST_CREDENTIALS);
                },
                clock,
                TTL);
        assertThat(made).hasValue(0);

        secrets.value(DATABASE);
        clock.advance(TTL);
        secrets.value(DATABASE);

        assertThat(made).hasValue(1);
        assertThat(secretsManager.requestCount()).isEqualTo(2);
    }

    @Test
    void a_cached_value_does_not_show_in_to_string() {
        secretsManager.put(DATABASE, FIRST);
        SecretsManagerSecrets secrets = secrets();
        secrets.value(DATABASE);

        assertThat(secrets.toString()).doesNotContain(FIRST);
    }

    @Test
    void a_blank_secret_id_is_refused_before_anything_is_asked() {
        assertThatThrownBy(() -> secrets().value(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(secretsManager.requestCount()).isZero();
    }

    @Test
    void a_time_to_live_that_is_not_positive_is_refused() {
        assertThatThrownBy(() -> new SecretsManagerSecrets(() -> null, clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 seconds: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void a_value_its_user_found_stale_is_read_again_at_once_but_not_more_than_once_per_rotation() {
        SecretsManagerSecrets secrets = secrets();
        secretsManager.put(DATABASE, FIRST);
        assertThat(secrets.value(DATABASE)).isEqualTo(FIRST);
        secretsManager.put(DATABASE, ROTATED);
        clock.advance(Duration.ofMinutes(1));

        assertThat(secrets.value(DATABASE)).as("within the time to live").isEqualTo(FIRST);
        assertThat(secrets.renewed(DATABASE, FIRST)).isEqualTo(ROTATED);
        assertThat(secrets.renewed(DATABASE, FIRST))
                .as("another caller holding the stale value")
                .isEqualTo(ROTATED);
        assertThat(secrets.renewed(DATABASE, ROTATED))
                .as("refused again straight after: not asked again yet")
                .isEqualTo(ROTATED);
        assertThat(secrets.value(DATABASE)).isEqualTo(ROTATED);
        assertThat(secretsManager.requestCount()).isEqualTo(2);
    }
}
