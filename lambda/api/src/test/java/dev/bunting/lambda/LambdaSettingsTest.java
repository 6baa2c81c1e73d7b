package dev.bunting.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.composition.SignInLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaSettingsTest {

    private static final String URL = "postgres://bunting:s3cret@db.internal:5432/bunting";
    static final String SECRET = "a token-signing secret of 32+ bytes";
    private static final String DATABASE_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bunting/db-AbCdEf";
    private static final String JWT_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bunting/jwt-AbCdEf";
    private static final String REDIS_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bunting/redis-AbCdEf";

    @Test
    void only_the_database_url_is_required() {
        LambdaSettings settings =
                LambdaSettings.fromEnvironment(Map.of("BUNTING_DATABASE_URL", URL, "BUNTING_JWT_SECRET", SECRET));

        assertThat(settings.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/bunting");
        assertThat(settings.poolSize()).isEqualTo(2);
        assertThat(settings.maxBodyBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void measurement_is_read_from_the_given_variables_as_a_frozen_runtime_buffers_it() {
        LambdaSettings settings = LambdaSettings.fromEnvironment(Map.of(
                "BUNTING_DATABASE_URL",
                URL,
                "BUNTING_JWT_SECRET",
                SECRET,
                "BUNTING_MEASUREMENT_BUFFER",
                "500",
                "BUNTING_RAW_RETENTION_DAYS",
                "30"));

        assertThat(settings.measurement().capacity()).isEqualTo(500);
        assertThat(settings.measurement().countInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.measurement().retentionDays()).isEqualTo(30);
    }

    @Test
    void pool_size_and_body_limit_can_be_set() {
        LambdaSettings settings = LambdaSettings.fromEnvironment(Map.of(
                "BUNTING_DATABASE_URL",
                URL,
                "BUNTING_JWT_SECRET",
                SECRET,
                "BUNTING_DB_POOL_SIZE",
                "4",
                "BUNTING_MAX_BODY_BYTES",
                " 65536 "));

        assertThat(settings.poolSize()).isEqualTo(4);
        assertThat(settings.maxBodyBytes()).isEqualTo(65536);
    }

    @Test
    void sign_in_limits_default_to_ten_failures_in_fifteen_minutes_and_can_be_set() {
        LambdaSettings standard =
                LambdaSettings.fromEnvironment(Map.of("BUNTING_DATABASE_URL", URL, "BUNTING_JWT_SECRET", SECRET));
        LambdaSettings set = LambdaSettings.fromEnvironment(Map.of(
                "BUNTING_DATABASE_URL",
                URL,
                "BUNTING_JWT_SECRET",
                SECRET,
                "BUNTING_LOGIN_MAX_FAILURES",
                "5",
                "BUNTING_LOGIN_WINDOW_SECONDS",
                "60"));

        assertThat(standard.signInLimits()).isEqualTo(new SignInLimits(10, Duration.ofMinutes(15)));
        assertThat(set.signInLimits()).isEqualTo(new SignInLimits(5, Duration.ofSeconds(60)));
    }

    @Test
    void sign_in_limits_that_would_disable_the_throttle_are_refused_by_name() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of(
                        "BUNTING_DATABASE_URL", URL, "BUNTING_JWT_SECRET", SECRET, "BUNTING_LOGIN_MAX_FAILURES", "0")))
                .hasMessageStartingWith("BUNTING_LOGIN_MAX_FAILURES must be at least 1");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of(
                        "BUNTING_DATABASE_URL",
                        URL,
                        "BUNTING_JWT_SECRET",
                        SECRET,
                        "BUNTING_LOGIN_WINDOW_SECONDS",
                        "0")))
                .hasMessageStartingWith("BUNTING_LOGIN_WINDOW_SECONDS must be");
    }

    @Test
    void flag_configs_are_cached_for_a_minute_unless_set_otherwise() {
        LambdaSettings standard =
                LambdaSettings.fromEnvironment(Map.of("BUNTING_DATABASE_URL", URL, "BUNTING_JWT_SECRET", SECRET));
        LambdaSettings set = LambdaSettings.fromEnvironment(
                Map.of("BUNTING_DATABASE_URL", URL, "BUNTING_JWT_SECRET", SECRET, "BUNTING_CACHE_TTL_SECONDS", "5"));

        assertThat(standard.configCache().timeToLive()).isEqualTo(Duration.ofSeconds(60));
        assertThat(set.configCache().timeToLive()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of(
                        "BUNTING_DATABASE_URL", URL, "BUNTING_JWT_SECRET", SECRET, "BUNTING_CACHE_TTL_SECONDS", "0")))
                .hasMessageStartingWith("BUNTING_CACHE_TTL_SECONDS must be a whole number of seconds, at least 1");
    }

    @Test
    void checked_keys_are_cached_for_ten_seconds_unless_set_otherwise() {
        LambdaSettings standard =
                LambdaSettings.fromEnvironment(Map.of("BUNTING_DATABASE_URL", URL, "BUNTING_JWT_SECRET", SECRET));
        LambdaSettings set = LambdaSettings.fromEnvironment(Map.of(
                "BUNTING_DATABASE_URL", URL, "BUNTING_JWT_SECRET", SECRET, "BUNTING_KEY_CACHE_TTL_SECONDS", "2"));

        assertThat(standard.configCache().keyTimeToLive()).isEqualTo(Duration.ofSeconds(10));
        assertThat(set.configCache().keyTimeToLive()).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of(
                        "BUNTING_DATABASE_URL",
                        URL,
                        "BUNTING_JWT_SECRET",
                        SECRET,
                        "BUNTING_KEY_CACHE_TTL_SECONDS",
                        "0")))
                .hasMessageStartingWith("BUNTING_KEY_CACHE_TTL_SECONDS must be a whole number of seconds, at least 1");
    }

    @Test
    void a_deployment_names_its_database_by_endpoint_and_its_login_and_token_secret_by_arn_and_nothing_is_read_yet() {
        LambdaSettings settings = LambdaSettings.fromEnvironment(Map.of(
                "BUNTING_DATABASE_ENDPOINT",
                "proxy.internal:5432",
                "BUNTING_DATABASE_NAME",
                "flags",
                "BUNTING_DATABASE_SECRET_ARN",
                DATABASE_ARN,
                "BUNTING_JWT_SECRET_ARN",
                JWT_ARN,
                "BUNTING_REDIS_URL",
                "rediss://cache.internal:6379",
                "BUNTING_REDIS_AUTH_ARN",
                REDIS_ARN));

        assertThat(settings.database())
                .isEqualTo(new DatabaseSettings.LoginInSecret(
                        "jdbc:postgresql://proxy.internal:5432/flags?sslmode=require", DATABASE_ARN));
        assertThat(settings.jwtSecret()).isEqualTo(new StoredSecret.InSecretsManager(JWT_ARN));
        assertThat(settings.redisAuth()).contains(new StoredSecret.InSecretsManager(REDIS_ARN));
    }

    @Test
    void a_secret_given_both_ways_or_a_database_named_both_ways_is_refused() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of(
                        "BUNTING_DATABASE_URL", URL, "BUNTING_JWT_SECRET", SECRET, "BUNTING_JWT_SECRET_ARN", JWT_ARN)))
                .hasMessage("set either BUNTING_JWT_SECRET or BUNTING_JWT_SECRET_ARN, not both");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of(
                        "BUNTING_DATABASE_URL",
                        URL,
                        "BUNTING_DATABASE_SECRET_ARN",
                        DATABASE_ARN,
                        "BUNTING_JWT_SECRET",
                        SECRET)))
                .hasMessageContaining("not both");
    }

    @Test
    void a_redis_password_without_redis_is_refused() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of(
                        "BUNTING_DATABASE_URL",
                        URL,
                        "BUNTING_JWT_SECRET",
                        SECRET,
                        "BUNTING_REDIS_AUTH_ARN",
                        REDIS_ARN)))
                .hasMessage("BUNTING_REDIS_AUTH is set but BUNTING_REDIS_URL is not");
    }

    @Test
    void a_pool_size_that_is_not_a_number_is_reported_by_name() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of(
                        "BUNTING_DATABASE_URL", URL, "BUNTING_DB_POOL_SIZE", "two", "BUNTING_JWT_SECRET", SECRET)))
                .hasMessage("BUNTING_DB_POOL_SIZE must be a whole number, not 'two'");
    }

    @Test
    void the_password_never_shows_in_the_settings_description() {
        assertThat(LambdaSettings.fromEnvironment(Map.of("BUNTING_DATABASE_URL", URL, "BUNTING_JWT_SECRET", SECRET)))
                .asString()
                .doesNotContain("s3cret");
    }

    @Test
    void a_redis_url_is_optional_and_its_password_never_shows() {
        LambdaSettings without =
                LambdaSettings.fromEnvironment(Map.of("BUNTING_DATABASE_URL", URL, "BUNTING_JWT_SECRET", SECRET));
        LambdaSettings with = LambdaSettings.fromEnvironment(Map.of(
                "BUNTING_DATABASE_URL",
                URL,
                "BUNTING_JWT_SECRET",
                SECRET,
                "BUNTING_REDIS_URL",
                "rediss://:r3dis-s3cret@cache.internal:6379"));

        assertThat(without.redis()).isEmpty();
        assertThat(with.redis())
                .hasValueSatisfying(redis -> assertThat(redis.url()).endsWith("@cache.internal:6379"));
        assertThat(with).asString().contains("cache.internal").doesNotContain("r3dis-s3cret");
    }

    @Test
    void an_unusable_redis_url_is_reported_by_name_without_echoing_it() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of(
                        "BUNTING_DATABASE_URL",
                        URL,
                        "BUNTING_JWT_SECRET",
                        SECRET,
                        "BUNTING_REDIS_URL",
                        "memcached://:r3dis-s3cret@cache.internal")))
                .hasMessageStartingWith("BUNTING_REDIS_URL is not usable")
                .message()
                .doesNotContain("r3dis-s3cret");
    }

    @Test
    void a_missing_or_short_token_secret_stops_the_function_from_starting() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("BUNTING_DATABASE_URL", URL)))
                .hasMessageContaining("BUNTING_JWT_SECRET");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(
                        Map.of("BUNTING_DATABASE_URL", URL, "BUNTING_JWT_SECRET", "too short")))
                .hasMessageContaining("32 bytes");
        assertThat(LambdaSettings.fromEnvironment(Map.of("BUNTING_DATABASE_URL", URL, "BUNTING_JWT_SECRET", SECRET)))
                .asString()
                .doesNotContain(SECRET);
    }
}
