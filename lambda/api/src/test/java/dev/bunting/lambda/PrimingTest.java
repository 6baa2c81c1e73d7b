package dev.bunting.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrimingTest {

    /** A snapshot must hold nothing random or timed: priming twice does the same work with the same outcome. */
    @Test
    void priming_evaluates_the_synthetic_flag_the_same_way_each_time() {
        int served = Priming.run();

        assertThat(served).isPositive().isEqualTo(Priming.run());
    }
}
