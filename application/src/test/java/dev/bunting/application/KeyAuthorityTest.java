package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.memory.CaffeineKeyCache;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.adapter.memory.SecureRandomSecretGenerator;
import dev.bunting.application.environment.CreateEnvironment;
import dev.bunting.application.environment.DeleteEnvironment;
import dev.bunting.application.identity.ChangeUserRole;
import dev.bunting.application.identity.Principal;
import dev.bunting.application.key.AuthenticateKey;
import dev.bunting.application.key.CreateKey;
import dev.bunting.application.key.KeyRevocations;
import dev.bunting.application.key.KnownKeys;
import dev.bunting.application.key.ListKeys;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordHash;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyScope;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A key acts on its owner's authority: lowering the owner's role revokes the owner's API keys above it, each audited.
 * Deleting an environment revokes its SDK keys, each audited; they stay listed, and none works again, even in an
 * environment created later under the same key.
 */
class KeyAuthorityTest {

    private final UseCases useCases = new UseCases();
    private final CaffeineKeyCache keyCache = new CaffeineKeyCache(Duration.ofSeconds(10), 100);
    private final KnownKeys known = new KnownKeys();
    private final KeyRevocations revocations = new KeyRevocations(keyCache, known);
    private final AuthenticateKey authenticateKey = new AuthenticateKey(
            useCases.store, keyCache, known, new StoreBreaker(useCases.clock, Runnable::run), useCases.clock);
    private final CreateKey createKey =
            new CreateKey(useCases.store, new RandomIdGenerator(), new SecureRandomSecretGenerator(), useCases.clock);
    private final ListKeys listKeys = new ListKeys(useCases.store);
    private final ChangeUserRole changeRole = new ChangeUserRole(useCases.store, revocations, useCases.clock);
    private final DeleteEnvironment deleteEnvironment =
            new DeleteEnvironment(useCases.store, useCases.cache, revocations, useCases.clock);

    private final User root = user("root", Role.ADMIN);
    private final User alice = user("alice", Role.ADMIN);

    @BeforeEach
    void arrange() {
        useCases.store.inTransaction(r -> r.users().insert(root) && r.users().insert(alice));
    }

    @Test
    void demoting_an_admin_revokes_their_api_keys_above_the_new_role_and_audits_each() {
        CreateKey.Created adminKey = create(signedIn(alice), new KeyScope.Management(Role.ADMIN));
        CreateKey.Created developerKey = create(signedIn(alice), new KeyScope.Management(Role.DEVELOPER));
        CreateKey.Created sdkKey =
                create(signedIn(alice), new KeyScope.Evaluation(EnvironmentKey.PRODUCTION, KeyScope.Side.SERVER));
        CreateKey.Created rootsKey = create(signedIn(root), new KeyScope.Management(Role.ADMIN));
        assertThat(authenticateKey.authenticate(adminKey.secret().text())).isPresent();

        assertThat(changeRole.change(new ChangeUserRole.Command(signedIn(root), alice.id(), Role.DEVELOPER)))
                .isInstanceOf(Outcome.Done.class);

        assertThat(authenticateKey.authenticate(adminKey.secret().text()))
                .as("the admin key, checked and cached before")
                .isEmpty();
        assertThat(authenticateKey.authenticate(developerKey.secret().text())).isPresent();
        assertThat(authenticateKey.authenticate(sdkKey.secret().text())).isPresent();
        assertThat(authenticateKey.authenticate(rootsKey.secret().text())).isPresent();
        assertThat(revoked_keys()).containsExactly(adminKey.key().id().value());
        AuditEntry revocation = useCases.store.auditTrail().getLast();
        assertThat(revocation.action()).isEqualTo("key.revoked");
        assertThat(revocation.entity()).isEqualTo(Entity.key(adminKey.key().id()));
        assertThat(revocation.actor()).isEqualTo(signedIn(root).actor());
    }

    @Test
    void a_key_made_by_an_api_key_is_owned_by_that_keys_owner_and_goes_when_they_are_demoted() {
        CreateKey.Created adminKey = create(signedIn(alice), new KeyScope.Management(Role.ADMIN));
        Principal asKey =
                new Principal.ApiKey(adminKey.key().id().value(), adminKey.key().name(), Role.ADMIN);
        CreateKey.Created madeByKey = create(asKey, new KeyScope.Management(Role.DEVELOPER));

        changeRole.change(new ChangeUserRole.Command(signedIn(root), alice.id(), Role.VIEWER));

        assertThat(madeByKey.key().owner()).isEqualTo(alice.id());
        assertThat(authenticateKey.authenticate(madeByKey.secret().text())).isEmpty();
        assertThat(revoked_keys())
                .containsExactlyInAnyOrder(
                        adminKey.key().id().value(), madeByKey.key().id().value());
    }

    @Test
    void an_api_key_whose_owner_is_no_longer_admin_cannot_make_keys() {
        CreateKey.Created adminKey = create(signedIn(alice), new KeyScope.Management(Role.ADMIN));
        useCases.store.inTransaction(r -> r.users().update(alice.withRole(Role.DEVELOPER)));

        Outcome<CreateKey.Created> outcome = createKey.create(new CreateKey.Command(
                new Principal.ApiKey(adminKey.key().id().value(), adminKey.key().name(), Role.ADMIN),
                "escape",
                new KeyScope.Management(Role.ADMIN)));

        assertThat(outcome).isInstanceOf(Outcome.Forbidden.class);
    }

    @Test
    void deleting_an_environment_revokes_its_sdk_keys_which_stay_listed_and_never_work_again() {
        EnvironmentKey qa = new EnvironmentKey("qa");
        useCases.createEnvironment.create(
                new CreateEnvironment.Command(signedIn(root), qa, null, false, Optional.empty()));
        CreateKey.Created qaKey = create(signedIn(root), new KeyScope.Evaluation(qa, KeyScope.Side.SERVER));
        CreateKey.Created stagingKey =
                create(signedIn(root), new KeyScope.Evaluation(EnvironmentKey.STAGING, KeyScope.Side.SERVER));
        assertThat(authenticateKey.authenticate(qaKey.secret().text())).isPresent();

        assertThat(deleteEnvironment.delete(new DeleteEnvironment.Command(signedIn(root), qa)))
                .isInstanceOf(Outcome.Done.class);
        useCases.createEnvironment.create(
                new CreateEnvironment.Command(signedIn(root), qa, null, false, Optional.empty()));

        assertThat(authenticateKey.authenticate(qaKey.secret().text())).isEmpty();
        assertThat(authenticateKey.authenticate(stagingKey.secret().text())).isPresent();
        assertThat(revoked_keys()).containsExactly(qaKey.key().id().value());
        assertThat(useCases.store.auditTrail())
                .filteredOn(entry -> entry.action().equals("key.revoked"))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.entity()).isEqualTo(Entity.key(qaKey.key().id()));
                    assertThat(entry.environment()).isEqualTo(qa);
                });
    }

    private CreateKey.Created create(Principal principal, KeyScope scope) {
        Outcome<CreateKey.Created> outcome = createKey.create(new CreateKey.Command(principal, "key", scope));
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<CreateKey.Created>) outcome).value();
    }

    private List<String> revoked_keys() {
        List<AccessKey> keys = ((Outcome.Done<List<AccessKey>>) listKeys.list(signedIn(root))).value();
        return keys.stream()
                .filter(AccessKey::isRevoked)
                .map(key -> key.id().value())
                .toList();
    }

    private static User user(String name, Role role) {
        return new User(
                new UserId("u-" + name),
                new Email(name + "@example.com"),
                new PasswordHash("v1:hash"),
                role,
                UseCases.NOW,
                UseCases.NOW);
    }

    private static Principal signedIn(User user) {
        return new Principal.SignedIn(user.id(), user.email(), user.role());
    }
}
