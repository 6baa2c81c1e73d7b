package dev.bunting.domain.port;

import static dev.bunting.domain.environment.EnvironmentKey.DEVELOPMENT;
import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.environment.EnvironmentKey.STAGING;
import static dev.bunting.domain.port.StoreFixtures.LATER;
import static dev.bunting.domain.port.StoreFixtures.aFlag;
import static dev.bunting.domain.port.StoreFixtures.anEnvironment;
import static dev.bunting.domain.port.StoreFixtures.servingEveryone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How {@link EnvironmentRepository} keeps environments, and what deleting one takes along. */
abstract class EnvironmentRepositoryContract extends RepositoryContract {

    EnvironmentRepositoryContract(StoreContract suite) {
        super(suite);
    }

    @Test
    void the_default_environments_exist_from_the_start_with_production_protected() {
        List<Environment> environments = environments();

        assertThat(environments).extracting(Environment::key).containsExactly(DEVELOPMENT, PRODUCTION, STAGING);
        assertThat(environments)
                .filteredOn(Environment::isProtected)
                .extracting(Environment::key)
                .containsExactly(PRODUCTION);
        assertThat(storedEnvironment(PRODUCTION))
                .get()
                .extracting(Environment::name)
                .isEqualTo("Production");
    }

    @Test
    void an_inserted_environment_is_found_and_listed_by_key() {
        Environment qa = anEnvironment("qa");
        Environment alpha = new Environment(new EnvironmentKey("alpha"), "Alpha", true, false, LATER);

        assertThat(attempt(r -> r.environments().insert(qa))).isTrue();
        assertThat(attempt(r -> r.environments().insert(alpha))).isTrue();

        assertThat(storedEnvironment(qa.key())).contains(qa);
        assertThat(storedEnvironment(alpha.key())).contains(alpha);
        assertThat(storedEnvironment(new EnvironmentKey("nowhere"))).isEmpty();
        assertThat(environments())
                .extracting(e -> e.key().value())
                .containsExactly("alpha", "development", "production", "qa", "staging");
    }

    @Test
    void inserting_an_environment_that_exists_returns_false_and_keeps_the_first() {
        Environment qa = anEnvironment("qa");
        write(r -> r.environments().insert(qa));

        assertThat(attempt(r -> r.environments().insert(new Environment(qa.key(), "Other", true, false, LATER))))
                .isFalse();

        assertThat(storedEnvironment(qa.key())).contains(qa);
    }

    @Test
    void deleting_an_environment_removes_it_and_only_its_configs() {
        Flag flag = aFlag("checkout").build();
        Environment qa = anEnvironment("qa");
        EnvironmentConfig inProduction = servingEveryone(flag, PRODUCTION, "true");
        write(r -> {
            r.environments().insert(qa);
            r.flags().insert(flag);
            r.flags().saveConfig(servingEveryone(flag, qa.key(), "true"));
            r.flags().saveConfig(inProduction);
        });

        assertThat(attempt(r -> r.environments().delete(qa.key()))).isTrue();
        assertThat(attempt(r -> r.environments().delete(qa.key()))).isFalse();

        assertThat(storedEnvironment(qa.key())).isEmpty();
        write(r -> r.environments().insert(qa));
        assertThat(storedConfig(flag.key(), qa.key())).isEmpty();
        assertThat(storedConfig(flag.key(), PRODUCTION)).contains(inProduction);
    }

    @Test
    void an_updated_environment_keeps_its_key_and_creation_and_changes_its_settings() {
        Environment qa = anEnvironment("qa");
        write(r -> r.environments().insert(qa));
        Environment closed = qa.withSettings("Quality", true, false);

        assertThat(attempt(r -> r.environments().update(closed))).isTrue();
        assertThat(attempt(r -> r.environments().update(anEnvironment("nowhere"))))
                .isFalse();

        assertThat(storedEnvironment(qa.key())).contains(closed);
        assertThat(storedEnvironment(PRODUCTION))
                .get()
                .extracting(Environment::publicEvaluation)
                .isEqualTo(false);
        assertThat(storedEnvironment(STAGING))
                .get()
                .extracting(Environment::publicEvaluation)
                .isEqualTo(true);
    }

    private Optional<Environment> storedEnvironment(EnvironmentKey key) {
        return store.inTransaction(r -> r.environments().find(key));
    }
}
