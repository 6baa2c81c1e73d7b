package dev.bunting.composition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.adapter.memory.InMemoryMeasurements;
import dev.bunting.domain.experiment.statistics.SampleRatioMismatch;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeasurementSettingsTest {

    private static EnvironmentVariables environment(Map<String, String> variables) {
        return new EnvironmentVariables(variables);
    }

    @Test
    void a_server_flushes_every_second_into_a_buffer_of_a_hundred_thousand_and_keeps_ninety_days() {
        MeasurementSettings settings = MeasurementSettings.forServer(environment(Map.of()));

        assertThat(settings)
                .isEqualTo(new MeasurementSettings(100_000, Duration.ofSeconds(1), Duration.ofSeconds(1), 90));
    }

    @Test
    void a_frozen_runtime_flushes_each_invocation_and_counts_once_a_minute() {
        MeasurementSettings settings = MeasurementSettings.forFrozenRuntime(
                environment(Map.of("BUNTING_MEASUREMENT_BUFFER", "500", "BUNTING_RAW_RETENTION_DAYS", "30")));

        assertThat(settings).isEqualTo(new MeasurementSettings(500, Duration.ofSeconds(1), Duration.ofMinutes(1), 30));
    }

    @Test
    void the_variables_override_the_defaults_and_nonsense_is_refused_naming_the_variable() {
        assertThat(MeasurementSettings.forServer(environment(Map.of("BUNTING_MEASUREMENT_FLUSH_MILLIS", "250")))
                        .flushInterval())
                .isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> MeasurementSettings.forServer(environment(Map.of("BUNTING_MEASUREMENT_BUFFER", "0"))))
                .hasMessageContaining("BUNTING_MEASUREMENT_BUFFER");
        assertThatThrownBy(() ->
                        MeasurementSettings.forServer(environment(Map.of("BUNTING_MEASUREMENT_FLUSH_MILLIS", "0"))))
                .hasMessageContaining("BUNTING_MEASUREMENT_FLUSH_MILLIS");
        assertThatThrownBy(() -> MeasurementSettings.forServer(environment(Map.of("BUNTING_RAW_RETENTION_DAYS", "-1"))))
                .hasMessageContaining("BUNTING_RAW_RETENTION_DAYS");
    }

    @Test
    void retention_keeps_at_least_the_days_an_event_may_arrive_late() {
        assertThat(MeasurementSettings.MIN_RETENTION_DAYS).isEqualTo(7);
        assertThat(MeasurementSettings.forServer(environment(Map.of("BUNTING_RAW_RETENTION_DAYS", "7")))
                        .retentionDays())
                .isEqualTo(7);
        assertThatThrownBy(() ->
                        MeasurementSettings.forFrozenRuntime(environment(Map.of("BUNTING_RAW_RETENTION_DAYS", "6"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("BUNTING_RAW_RETENTION_DAYS must be at least 7, the days an event may arrive late, not 6:"
                        + " a shorter retention would drop the days those events belong to");
    }

    @Test
    void the_module_builds_an_engine_on_commons_statistics_and_a_buffer_of_the_configured_size() {
        var engine = MeasurementModule.statisticsEngine();
        var buffer = MeasurementModule.measurementBuffer(
                new InMemoryMeasurements(),
                Clock.systemUTC(),
                new MeasurementSettings(7, Duration.ofSeconds(1), Duration.ofSeconds(1), 7));

        SampleRatioMismatch even = engine.sampleRatioMismatch(List.of(5_000L, 5_000L), List.of(1.0, 1.0));
        assertThat(even.pValue()).isEqualTo(1.0);
        assertThat(buffer.pending()).isZero();
    }
}
