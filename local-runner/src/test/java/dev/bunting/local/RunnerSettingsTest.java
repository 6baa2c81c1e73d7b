package dev.bunting.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunnerSettingsTest {

    @Test
    void event_streams_send_a_heartbeat_every_15_seconds_unless_configured() {
        assertThat(RunnerSettings.fromEnvironment(Map.of()).streamHeartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(RunnerSettings.fromEnvironment(Map.of("BUNTING_STREAM_HEARTBEAT_SECONDS", "30")).streamHeartbeat()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_heartbeat_that_is_not_positive_is_refused_by_name() {
        assertThatThrownBy(() -> RunnerSettings.fromEnvironment(Map.of("BUNTING_STREAM_HEARTBEAT_SECONDS", "0")))
                .hasMessageStartingWith("BUNTING_STREAM_HEARTBEAT_SECONDS must be positive");
    }
}
