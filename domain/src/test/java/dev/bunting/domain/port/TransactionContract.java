package dev.bunting.domain.port;

import static dev.bunting.domain.environment.EnvironmentKey.DEVELOPMENT;
import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.environment.EnvironmentKey.STAGING;
import static dev.bunting.domain.port.StoreFixtures.CREATED;
import static dev.bunting.domain.port.StoreFixtures.LATER;
import static dev.bunting.domain.port.StoreFixtures.aFlag;
import static dev.bunting.domain.port.StoreFixtures.anEnvironment;
import static dev.bunting.domain.port.StoreFixtures.nextVersion;
import static dev.bunting.domain.port.StoreFixtures.servingEveryone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link Store#inTransaction} commits a unit of work whole or rolls it back whole, also under concurrent writers. */
abstract class TransactionContract extends RepositoryContract {

    TransactionContract(StoreContract suite) {
        super(suite);
    }

    @Test
    void what_a_transaction_commits_is_visible_to_the_next_one_audit_entries_included() {
        Flag flag = aFlag("checkout").build();
        AuditEntry created = new AuditEntry(
                Actor.system("contract-test"), "flag.created", Entity.flag("checkout"), null, flag, LATER);

        String result = store.inTransaction(r -> {
            r.flags().insert(flag);
            r.audit().record(created);
            return "committed";
        });

        assertThat(result).isEqualTo("committed");
        assertThat(storedFlag(flag.key())).contains(flag);
        assertThat(committedAuditEntries(store)).singleElement().satisfies(entry -> assertSameEvent(entry, created));
    }

    @Test
    void work_that_throws_rolls_back_every_change_it_made_audit_entries_included() {
        Flag kept = aFlag("kept").build();
        write(r -> {
            r.flags().insert(kept);
            r.flags().saveConfig(servingEveryone(kept, PRODUCTION, "true"));
            r.audit()
                    .record(new AuditEntry(
                            Actor.system("contract-test"), "flag.created", Entity.flag("kept"), null, kept, CREATED));
        });
        IllegalStateException failure = new IllegalStateException("the use case gave up");

        assertThatThrownBy(() -> store.inTransaction(r -> {
                    r.flags().insert(aFlag("discarded").build());
                    r.flags().update(nextVersion(kept, "Renamed"));
                    r.flags().saveConfig(servingEveryone(kept, STAGING, "true"));
                    r.environments().insert(anEnvironment("qa"));
                    r.environments().delete(DEVELOPMENT);
                    r.audit()
                            .record(new AuditEntry(
                                    Actor.system("contract-test"),
                                    "flag.updated",
                                    Entity.flag("kept"),
                                    kept,
                                    kept,
                                    LATER));
                    throw failure;
                }))
                .isSameAs(failure);

        assertThat(keys(listed(FlagQuery.all()))).containsExactly("kept");
        assertThat(storedFlag(kept.key())).contains(kept);
        assertThat(storedConfig(kept.key(), STAGING)).isEmpty();
        assertThat(environments()).extracting(Environment::key).containsExactly(DEVELOPMENT, PRODUCTION, STAGING);
        assertThat(committedAuditEntries(store)).extracting(AuditEntry::action).containsExactly("flag.created");
    }

    @Test
    void a_delete_in_work_that_throws_is_rolled_back_with_the_configs_it_took_along() {
        Flag flag = aFlag("checkout").build();
        EnvironmentConfig config = servingEveryone(flag, PRODUCTION, "true");
        write(r -> {
            r.flags().insert(flag);
            r.flags().saveConfig(config);
        });

        assertThatThrownBy(() -> store.inTransaction(r -> {
                    r.flags().delete(flag.key(), 1);
                    r.environments().delete(PRODUCTION);
                    throw new IllegalArgumentException("rejected");
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rejected");

        assertThat(storedConfig(flag.key(), PRODUCTION)).contains(config);
    }

    @Test
    void a_rejected_write_leaves_the_transaction_usable() {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));

        boolean committed = attempt(r -> {
            boolean duplicate = r.flags().insert(flag);
            boolean stale = r.flags().update(flag);
            boolean orphan = r.flags().saveConfig(servingEveryone(aFlag("ghost").build(), PRODUCTION, "true"));
            boolean nowhere = r.flags().saveConfig(servingEveryone(flag, new EnvironmentKey("nowhere"), "true"));
            boolean existing = r.environments().insert(anEnvironment("staging"));
            return !duplicate
                    && !stale
                    && !orphan
                    && !nowhere
                    && !existing
                    && r.flags().insert(aFlag("after-rejections").build());
        });

        assertThat(committed).isTrue();
        assertThat(storedFlag(new FlagKey("after-rejections"))).isPresent();
    }

    @Test
    void concurrent_updates_of_the_same_version_have_exactly_one_winner() throws Exception {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));

        List<Boolean> outcomes = race(writer -> r -> r.flags().update(nextVersion(flag, "Writer " + writer)));

        assertThat(outcomes).containsOnlyOnce(true);
        assertThat(storedFlag(flag.key())).get().extracting(Flag::version).isEqualTo(2L);
    }

    @Test
    void concurrent_first_saves_of_a_config_have_exactly_one_winner() throws Exception {
        Flag flag = aFlag("checkout").build();
        write(r -> r.flags().insert(flag));

        List<Boolean> outcomes = race(writer ->
                r -> r.flags().saveConfig(servingEveryone(flag, PRODUCTION, writer % 2 == 0 ? "true" : "false")));

        assertThat(outcomes).containsOnlyOnce(true);
        assertThat(storedConfig(flag.key(), PRODUCTION))
                .get()
                .extracting(EnvironmentConfig::version)
                .isEqualTo(1L);
    }

    private static void assertSameEvent(AuditEntry actual, AuditEntry expected) {
        assertThat(actual.actor()).isEqualTo(expected.actor());
        assertThat(actual.action()).isEqualTo(expected.action());
        assertThat(actual.entity()).isEqualTo(expected.entity());
        assertThat(actual.environment()).isEqualTo(expected.environment());
        assertThat(actual.at()).isEqualTo(expected.at());
    }
}
