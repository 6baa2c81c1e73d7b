package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunnerSettingsTest {

    @Test
    void event_streams_send_a_heartbeat_every_15_seconds_unless_configured() {
        assertThat(RunnerSettings.fromEnvironment(Map.of()).streamHeartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(RunnerSettings.fromEnvironment(Map.of("BUNTING_STREAM_HEARTBEAT_SECONDS", "30"))
                        .streamHeartbeat())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void measurement_is_read_from_the_given_variables_as_a_server_flushes_it() {
        RunnerSettings settings = RunnerSettings.fromEnvironment(
                Map.of("BUNTING_MEASUREMENT_FLUSH_MILLIS", "250", "BUNTING_RAW_RETENTION_DAYS", "30"));

        assertThat(settings.measurement().flushInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.measurement().retentionDays()).isEqualTo(30);
    }

    @Test
    void a_retention_shorter_than_events_may_arrive_late_is_refused_at_start_naming_the_setting() {
        assertThatThrownBy(() -> RunnerSettings.fromEnvironment(Map.of("BUNTING_RAW_RETENTION_DAYS", "6")))
                .hasMessageStartingWith("BUNTING_RAW_RETENTION_DAYS must be at least 7");
    }

    @Test
    void a_heartbeat_that_is_not_positive_is_refused_by_name() {
        assertThatThrownBy(() -> RunnerSettings.fromEnvironment(Map.of("BUNTING_STREAM_HEARTBEAT_SECONDS", "0")))
                .hasMessageStartingWith("BUNTING_STREAM_HEARTBEAT_SECONDS must be positive");
    }

    @Test
    void the_http_edge_allows_no_origin_and_caps_connections_and_idling_unless_configured() {
        HttpEdge standard = RunnerSettings.fromEnvironment(Map.of()).edge();
        HttpEdge configured = RunnerSettings.fromEnvironment(Map.of(
                        "BUNTING_CORS_ORIGINS",
                        " https://app.example.com, http://localhost:3000 ,",
                        "BUNTING_MAX_CONNECTIONS",
                        "500",
                        "BUNTING_MAX_CONNECTIONS_PER_CLIENT",
                        "20",
                        "BUNTING_HEADER_TIMEOUT_SECONDS",
                        "5",
                        "BUNTING_KEEP_ALIVE_SECONDS",
                        "7",
                        "BUNTING_READ_TIMEOUT_SECONDS",
                        "20"))
                .edge();

        assertThat(standard).isEqualTo(HttpEdge.STANDARD);
        assertThat(standard.corsOrigins()).isEmpty();
        assertThat(configured)
                .isEqualTo(new HttpEdge(
                        Set.of("https://app.example.com", "http://localhost:3000"),
                        500,
                        20,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(7),
                        Duration.ofSeconds(20)));
    }

    @Test
    void an_origin_with_a_path_is_refused_by_name() {
        assertThatThrownBy(() ->
                        RunnerSettings.fromEnvironment(Map.of("BUNTING_CORS_ORIGINS", "https://app.example.com/")))
                .hasMessageStartingWith("BUNTING_CORS_ORIGINS: 'https://app.example.com/' is not an origin");
    }

    @Test
    void caps_and_timeouts_that_are_not_positive_are_refused_by_name() {
        assertThatThrownBy(() -> RunnerSettings.fromEnvironment(Map.of("BUNTING_MAX_CONNECTIONS_PER_CLIENT", "0")))
                .hasMessageContaining("BUNTING_MAX_CONNECTIONS_PER_CLIENT");
        assertThatThrownBy(() -> RunnerSettings.fromEnvironment(Map.of("BUNTING_KEEP_ALIVE_SECONDS", "0")))
                .hasMessageContaining("BUNTING_KEEP_ALIVE_SECONDS");
    }
}
