package dev.bunting.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownUnitsTest {

    private static final Instant T = Instant.parse("2026-12-01T12:00:00Z");

    private final KnownUnits known = new KnownUnits(1_000);

    private static FirstExposure first(String unit, String variant, Instant at, boolean multiple) {
        return new FirstExposure("x", 1, unit, variant, at, multiple);
    }

    @Test
    void a_unit_never_written_must_be_written() {
        FirstExposure u1 = first("u-1", "on", T, false);

        assertThat(known.notAbsorbed(List.of(u1))).containsExactly(u1);
    }

    @Test
    void a_unit_written_is_skipped_when_seen_again_later_with_its_variant() {
        known.committed(List.of(first("u-1", "on", T, false)));

        assertThat(known.notAbsorbed(
                        List.of(first("u-1", "on", T, false), first("u-1", "on", T.plusSeconds(9), false))))
                .isEmpty();
    }

    @Test
    void another_variant_an_earlier_time_or_another_phase_must_still_be_written() {
        known.committed(List.of(first("u-1", "on", T, false)));
        List<FirstExposure> changes = List.of(
                first("u-1", "off", T.plusSeconds(1), false),
                first("u-1", "on", T.plusSeconds(1), true),
                first("u-1", "on", T.minusSeconds(1), false),
                new FirstExposure("x", 2, "u-1", "on", T, false),
                new FirstExposure("y", 1, "u-1", "on", T, false));

        assertThat(known.notAbsorbed(changes)).containsExactlyElementsOf(changes);
    }

    @Test
    void a_unit_known_multiple_absorbs_any_variant_from_its_first_exposure_on() {
        known.committed(List.of(first("u-1", "on", T, false)));
        known.committed(List.of(first("u-1", "off", T.plusSeconds(5), false)));

        assertThat(known.notAbsorbed(
                        List.of(first("u-1", "off", T.plusSeconds(6), false), first("u-1", "on", T, true))))
                .isEmpty();
        assertThat(known.notAbsorbed(List.of(first("u-1", "off", T.minusSeconds(1), false))))
                .hasSize(1);
    }

    @Test
    void a_unit_forgotten_beyond_capacity_is_written_again() {
        KnownUnits small = new KnownUnits(10);
        for (int i = 0; i < 1_000; i++) {
            small.committed(List.of(first("u-" + i, "on", T, false)));
        }

        assertThat(small.notAbsorbed(List.of(first("u-0", "on", T, false)))).hasSize(1);
    }

    @Test
    void an_exposure_is_absorbed_from_the_first_written_on_with_its_variant_or_any_once_multiple() {
        assertThat(known.absorbs("x", 1, "u-1", "on", T)).isFalse();
        known.committed(List.of(first("u-1", "on", T, false)));

        assertThat(known.absorbs("x", 1, "u-1", "on", T.plusSeconds(1))).isTrue();
        assertThat(known.absorbs("x", 1, "u-1", "off", T.plusSeconds(1))).isFalse();
        assertThat(known.absorbs("x", 1, "u-1", "on", T.minusSeconds(1))).isFalse();
        assertThat(known.absorbs("x", 2, "u-1", "on", T.plusSeconds(1))).isFalse();

        known.committed(List.of(first("u-1", "off", T.plusSeconds(5), false)));
        assertThat(known.absorbs("x", 1, "u-1", "off", T.plusSeconds(1))).isTrue();
    }

    @Test
    void an_exposure_of_a_unit_forgotten_beyond_capacity_is_not_absorbed() {
        KnownUnits small = new KnownUnits(10);
        for (int i = 0; i < 1_000; i++) {
            small.committed(List.of(first("u-" + i, "on", T, false)));
        }

        assertThat(small.absorbs("x", 1, "u-0", "on", T)).isFalse();
    }
}
