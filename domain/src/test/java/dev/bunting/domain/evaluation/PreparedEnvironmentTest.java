package dev.bunting.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.Evaluators;
import dev.bunting.domain.Flags;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreparedEnvironmentTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Environment PRODUCTION = Environment.defaults(AT).getLast();
    private final Flag flag = Flags.aBooleanFlag("new-checkout").build();
    private final EnvironmentConfig config = EnvironmentConfig.initial(flag, EnvironmentKey.PRODUCTION);

    private PreparedEnvironment prepared(Optional<ExperimentRun> experiment) {
        return PreparedEnvironment.prepare(
                PRODUCTION, List.of(new FlagState(flag, config, experiment)), Evaluators.standard());
    }

    @Test
    void the_running_experiment_of_each_flag_is_known_to_evaluation() {
        ExperimentRun run = new ExperimentRun(new ExperimentKey("checkout-test"), 2);

        assertThat(prepared(Optional.of(run)).experiment("new-checkout")).contains(run);
        assertThat(prepared(Optional.empty()).experiment("new-checkout")).isEmpty();
        assertThat(prepared(Optional.of(run)).experiment("other")).isEmpty();
    }

    @Test
    void starting_an_experiment_or_a_phase_changes_the_version_that_sdks_revalidate_with() {
        String none = prepared(Optional.empty()).version();
        String phaseOne = prepared(Optional.of(new ExperimentRun(new ExperimentKey("t"), 1)))
                .version();
        String phaseTwo = prepared(Optional.of(new ExperimentRun(new ExperimentKey("t"), 2)))
                .version();

        assertThat(List.of(none, phaseOne, phaseTwo)).doesNotHaveDuplicates();
        assertThat(prepared(Optional.empty()).version()).isEqualTo(none);
    }
}
