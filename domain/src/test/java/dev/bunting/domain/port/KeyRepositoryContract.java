package dev.bunting.domain.port;

import static dev.bunting.domain.environment.EnvironmentKey.PRODUCTION;
import static dev.bunting.domain.environment.EnvironmentKey.STAGING;
import static dev.bunting.domain.port.StoreFixtures.CREATED;
import static dev.bunting.domain.port.StoreFixtures.LATER;
import static dev.bunting.domain.port.StoreFixtures.anEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyId;
import dev.bunting.domain.key.KeyScope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How {@link KeyRepository} keeps access keys, their use and their revocation. */
abstract class KeyRepositoryContract extends RepositoryContract {

    KeyRepositoryContract(StoreContract suite) {
        super(suite);
    }

    @Test
    void a_key_is_found_by_id_and_by_prefix_and_listed_newest_first() {
        AccessKey older = aKey("k1", "bnt_api_aaaaaaaa", new KeyScope.Management(Role.DEVELOPER), CREATED);
        AccessKey newer =
                aKey("k2", "bnt_sdk_bbbbbbbb", new KeyScope.Evaluation(PRODUCTION, KeyScope.Side.SERVER), LATER);

        assertThat(attempt(r -> r.keys().insert(older))).isTrue();
        assertThat(attempt(r -> r.keys().insert(newer))).isTrue();

        assertThat(storedKey(older.id())).contains(older);
        assertThat(keyWithPrefix("bnt_sdk_bbbbbbbb")).contains(newer);
        assertThat(keyWithPrefix("bnt_sdk_cccccccc")).isEmpty();
        assertThat(keys()).containsExactly(newer, older);
    }

    @Test
    void each_kind_of_key_comes_back_as_the_kind_it_was_stored_as() {
        AccessKey api = aKey("k1", "bnt_api_aaaaaaaa", new KeyScope.Management(Role.VIEWER), CREATED);
        AccessKey server =
                aKey("k2", "bnt_sdk_bbbbbbbb", new KeyScope.Evaluation(STAGING, KeyScope.Side.SERVER), CREATED);
        AccessKey client =
                aKey("k3", "bnt_client_cccccccc", new KeyScope.Evaluation(STAGING, KeyScope.Side.CLIENT), CREATED);

        for (AccessKey key : List.of(api, server, client)) {
            assertThat(attempt(r -> r.keys().insert(key)))
                    .as("%s inserted", key.scope())
                    .isTrue();
            assertThat(storedKey(key.id())).as("%s found", key.scope()).contains(key);
        }
    }

    @Test
    void a_key_whose_id_or_prefix_is_taken_is_not_inserted() {
        AccessKey first = aKey("k1", "bnt_api_aaaaaaaa", new KeyScope.Management(Role.ADMIN), CREATED);
        write(r -> r.keys().insert(first));

        assertThat(attempt(r ->
                        r.keys().insert(aKey("k2", "bnt_api_aaaaaaaa", new KeyScope.Management(Role.VIEWER), LATER))))
                .isFalse();
        assertThat(attempt(r ->
                        r.keys().insert(aKey("k1", "bnt_api_zzzzzzzz", new KeyScope.Management(Role.VIEWER), LATER))))
                .isFalse();

        assertThat(keys()).containsExactly(first);
    }

    @Test
    void a_key_is_revoked_once_and_records_its_last_use() {
        AccessKey key = aKey("k1", "bnt_api_aaaaaaaa", new KeyScope.Management(Role.VIEWER), CREATED);
        write(r -> r.keys().insert(key));

        write(r -> r.keys().markUsed(key.id(), LATER));
        assertThat(attempt(r -> r.keys().revoke(key.id(), LATER))).isTrue();
        assertThat(attempt(r -> r.keys().revoke(key.id(), LATER.plusSeconds(1))))
                .isFalse();
        assertThat(attempt(r -> r.keys().revoke(new KeyId("nosuch"), LATER))).isFalse();

        assertThat(storedKey(key.id())).contains(key.usedAt(LATER).revokedAt(LATER));
    }

    @Test
    void deleting_an_environment_keeps_its_keys_listed_and_an_environment_of_the_same_key_can_be_created_again() {
        Environment qa = anEnvironment("qa");
        AccessKey forQa = aKey(
                        "k1", "bnt_sdk_aaaaaaaa", new KeyScope.Evaluation(qa.key(), KeyScope.Side.SERVER), CREATED)
                .revokedAt(LATER);
        AccessKey forProduction =
                aKey("k2", "bnt_sdk_bbbbbbbb", new KeyScope.Evaluation(PRODUCTION, KeyScope.Side.SERVER), CREATED);
        write(r -> {
            r.environments().insert(qa);
            r.keys().insert(forQa);
            r.keys().insert(forProduction);
            r.keys().revoke(forQa.id(), LATER);
        });

        write(r -> r.environments().delete(qa.key()));
        boolean createdAgain = attempt(r -> r.environments().insert(qa));

        assertThat(keys()).containsExactlyInAnyOrder(forQa, forProduction);
        assertThat(createdAgain).isTrue();
    }

    @Test
    void a_key_without_an_owner_is_stored_as_one() {
        AccessKey legacy = new AccessKey(
                new KeyId("k1"),
                "legacy",
                new KeyScope.Management(Role.ADMIN),
                "bnt_api_aaaaaaaa",
                "0".repeat(64),
                CREATED,
                "admin@example.com",
                null,
                null,
                null);

        write(r -> r.keys().insert(legacy));

        assertThat(storedKey(legacy.id())).contains(legacy);
    }

    private Optional<AccessKey> storedKey(KeyId id) {
        return store.inTransaction(r -> r.keys().find(id));
    }

    private Optional<AccessKey> keyWithPrefix(String prefix) {
        return store.inTransaction(r -> r.keys().findByPrefix(prefix));
    }

    private List<AccessKey> keys() {
        return store.inTransaction(r -> r.keys().list());
    }

    private static AccessKey aKey(String id, String prefix, KeyScope scope, Instant createdAt) {
        return new AccessKey(
                new KeyId(id),
                "key " + id,
                scope,
                prefix,
                "0".repeat(64),
                createdAt,
                "admin@example.com",
                new UserId("u-admin"),
                null,
                null);
    }
}
