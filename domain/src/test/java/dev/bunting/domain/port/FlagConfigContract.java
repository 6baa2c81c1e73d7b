package dev.bunting.domain.port;

import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.environment.EnvironmentKey.STAGING;
import static dev.bunting.domain.port.StoreFixtures.LATER;
import static dev.bunting.domain.port.StoreFixtures.aFlag;
import static dev.bunting.domain.port.StoreFixtures.everyFeatureOfABooleanConfig;
import static dev.bunting.domain.port.StoreFixtures.servingEveryone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.FlagState;
import dev.bunting.domain.flag.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link FlagRepository} keeps each flag's config per environment, one version after another. */
abstract class FlagConfigContract extends RepositoryContract {

    FlagConfigContract(StoreContract suite) {
        super(suite);
    }

    @Test
    void a_flag_has_no_saved_config_until_one_is_saved() {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));

        assertThat(storedConfig(flag.key(), PRODUCTION)).isEmpty();
        assertThat(storedConfig(MISSING, PRODUCTION)).isEmpty();
    }

    @Test
    void saving_version_one_stores_the_first_config_exactly() {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));
        EnvironmentConfig first =
                new EnvironmentConfig(flag.key(), PRODUCTION, everyFeatureOfABooleanConfig(), 1, LATER);

        assertThat(attempt(r -> r.flags().saveConfig(first))).isTrue();

        assertThat(storedConfig(flag.key(), PRODUCTION)).contains(first);
        assertThat(storedConfig(flag.key(), STAGING)).isEmpty();
    }

    @Test
    void a_config_is_saved_only_as_the_version_after_the_stored_one() {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));
        EnvironmentConfig first = servingEveryone(flag, PRODUCTION, "true");
        write(r -> r.flags().saveConfig(first));
        EnvironmentConfig second = first.next(first.config().withEnabled(false), LATER);

        assertThat(attempt(r -> r.flags().saveConfig(servingEveryone(flag, PRODUCTION, "false"))))
                .isFalse();
        assertThat(attempt(r -> r.flags().saveConfig(second.next(second.config(), LATER))))
                .isFalse();
        assertThat(storedConfig(flag.key(), PRODUCTION)).contains(first);

        assertThat(attempt(r -> r.flags().saveConfig(second))).isTrue();
        assertThat(attempt(r -> r.flags().saveConfig(second))).isFalse();
        assertThat(storedConfig(flag.key(), PRODUCTION)).contains(second);
    }

    @Test
    void a_config_for_a_missing_flag_or_environment_is_not_saved() {
        Flag flag = aFlag("checkout").build();
        Flag neverInserted = aFlag("ghost").build();
        write(r -> r.flags().insert(flag));

        assertThat(attempt(r -> r.flags().saveConfig(servingEveryone(neverInserted, PRODUCTION, "true"))))
                .isFalse();
        assertThat(attempt(r -> r.flags().saveConfig(servingEveryone(flag, new EnvironmentKey("nowhere"), "true"))))
                .isFalse();

        assertThat(storedConfig(neverInserted.key(), PRODUCTION)).isEmpty();
        assertThat(storedConfig(flag.key(), new EnvironmentKey("nowhere"))).isEmpty();
    }

    @Test
    void states_in_an_environment_pair_every_flag_with_its_saved_or_initial_config_by_key() {
        Flag zebra = aFlag("zebra").build();
        Flag apple = aFlag("apple")
                .ofKind(FlagKind.STRING, Variant.of("red", "red"), Variant.of("green", "green"))
                .build();
        Flag mango = aFlag("mango").build();
        EnvironmentConfig saved = servingEveryone(mango, PRODUCTION, "true");
        write(r -> {
            r.flags().insert(zebra);
            r.flags().insert(apple);
            r.flags().insert(mango);
            r.flags().saveConfig(saved);
            r.flags().saveConfig(servingEveryone(zebra, STAGING, "true"));
        });

        List<FlagState> states = states(PRODUCTION);

        assertThat(states)
                .containsExactly(
                        new FlagState(apple, EnvironmentConfig.initial(apple, PRODUCTION)),
                        new FlagState(mango, saved),
                        new FlagState(zebra, EnvironmentConfig.initial(zebra, PRODUCTION)));
    }
}
