package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.memory.CaffeineKeyCache;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.adapter.memory.SecureRandomSecretGenerator;
import dev.bunting.application.environment.CreateEnvironment;
import dev.bunting.application.environment.UpdateEnvironment;
import dev.bunting.application.flag.ArchiveFlag;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.DeleteFlag;
import dev.bunting.application.flag.UpdateFlag;
import dev.bunting.application.identity.ChangeUserRole;
import dev.bunting.application.identity.ListUsers;
import dev.bunting.application.identity.Principal;
import dev.bunting.application.key.CreateKey;
import dev.bunting.application.key.KnownKeys;
import dev.bunting.application.key.ListKeys;
import dev.bunting.application.key.RevokeKey;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordHash;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.key.KeyId;
import dev.bunting.domain.key.KeyScope;
import dev.bunting.domain.port.FlagQuery;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The role matrix, one row per (role, operation, environment kind), written out here rather than derived from
 * the policy under test. Each operation runs through its use case; an allowed one is done, a refused one is a 403
 * (Forbidden) that leaves the store and the audit trail exactly as they were. Reads are decided by their use cases
 * too, so they have rows of their own.
 */
class AuthorisationMatrixTest {

    private static final FlagKey FLAG = new FlagKey("checkout");
    private static final UserId SOMEONE = new UserId("someone");

    private final UseCases useCases = new UseCases();
    private final CaffeineKeyCache keyCache = new CaffeineKeyCache(Duration.ofSeconds(10), 100);
    private final CreateKey createKey =
            new CreateKey(useCases.store, new RandomIdGenerator(), new SecureRandomSecretGenerator(), useCases.clock);
    private final RevokeKey revokeKey = new RevokeKey(useCases.store, keyCache, new KnownKeys(), useCases.clock);
    private final ListKeys listKeys = new ListKeys(useCases.store);
    private final ChangeUserRole changeUserRole =
            new ChangeUserRole(useCases.store, useCases.keyRevocations, useCases.clock);
    private final ListUsers listUsers = new ListUsers(useCases.store);

    enum Kind {
        UNPROTECTED(EnvironmentKey.STAGING),
        PROTECTED(EnvironmentKey.PRODUCTION),
        NONE(EnvironmentKey.STAGING);

        final EnvironmentKey environment;

        Kind(EnvironmentKey environment) {
            this.environment = environment;
        }
    }

    @ParameterizedTest(name = "{0} {1} ({2}): {3}")
    @CsvSource({
        // role,     operation,            environment,  expected
        "viewer,    get-flag,              NONE,         done",
        "developer, get-flag,              NONE,         done",
        "admin,     get-flag,              NONE,         done",
        "viewer,    list-flags,            NONE,         done",
        "developer, list-flags,            NONE,         done",
        "admin,     list-flags,            NONE,         done",
        "viewer,    get-config,            PROTECTED,    done",
        "developer, get-config,            PROTECTED,    done",
        "admin,     get-config,            PROTECTED,    done",
        "viewer,    list-environments,     NONE,         done",
        "developer, list-environments,     NONE,         done",
        "admin,     list-environments,     NONE,         done",
        "viewer,    get-environment,       PROTECTED,    done",
        "developer, get-environment,       PROTECTED,    done",
        "admin,     get-environment,       PROTECTED,    done",
        "viewer,    define-flag,           NONE,         forbidden",
        "developer, define-flag,           NONE,         done",
        "admin,     define-flag,           NONE,         done",
        "viewer,    change-config,         UNPROTECTED,  forbidden",
        "developer, change-config,         UNPROTECTED,  done",
        "admin,     change-config,         UNPROTECTED,  done",
        "viewer,    change-config,         PROTECTED,    forbidden",
        "developer, change-config,         PROTECTED,    forbidden",
        "admin,     change-config,         PROTECTED,    done",
        "viewer,    delete-flag,           NONE,         forbidden",
        "developer, delete-flag,           NONE,         forbidden",
        "admin,     delete-flag,           NONE,         done",
        "viewer,    archive-flag,          NONE,         forbidden",
        "developer, archive-flag,          NONE,         forbidden",
        "admin,     archive-flag,          NONE,         done",
        "viewer,    manage-users,          NONE,         forbidden",
        "developer, manage-users,          NONE,         forbidden",
        "admin,     manage-users,          NONE,         done",
        "viewer,    list-users,            NONE,         forbidden",
        "developer, list-users,            NONE,         forbidden",
        "admin,     list-users,            NONE,         done",
        "viewer,    create-key,            NONE,         forbidden",
        "developer, create-key,            NONE,         forbidden",
        "admin,     create-key,            NONE,         done",
        "viewer,    list-keys,             NONE,         forbidden",
        "developer, list-keys,             NONE,         forbidden",
        "admin,     list-keys,             NONE,         done",
        "viewer,    revoke-key,            NONE,         forbidden",
        "developer, revoke-key,            NONE,         forbidden",
        "admin,     revoke-key,            NONE,         done",
        "viewer,    create-environment,    NONE,         forbidden",
        "developer, create-environment,    NONE,         forbidden",
        "admin,     create-environment,    NONE,         done",
        "viewer,    update-environment,    UNPROTECTED,  forbidden",
        "developer, update-environment,    UNPROTECTED,  forbidden",
        "admin,     update-environment,    UNPROTECTED,  done",
        "viewer,    update-environment,    PROTECTED,    forbidden",
        "developer, update-environment,    PROTECTED,    forbidden",
        "admin,     update-environment,    PROTECTED,    done",
    })
    void each_cell_of_the_matrix_is_allowed_or_forbidden_with_nothing_changed(
            String role, String operation, Kind kind, String expected) {
        arrange();
        Principal principal = new Principal.SignedIn(
                new UserId("actor"), new Email("actor@example.com"), Role.fromWireName("role", role));
        Object before = everything();

        Outcome<?> outcome = operations(operation).apply(principal, kind.environment);

        if (expected.equals("done")) {
            assertThat(outcome).isInstanceOf(Outcome.Done.class);
        } else {
            assertThat(outcome).isInstanceOf(Outcome.Forbidden.class);
            assertThat(everything()).isEqualTo(before);
        }
    }

    private BiFunction<Principal, EnvironmentKey, Outcome<?>> operations(String operation) {
        return switch (operation) {
            case "get-flag" -> (p, e) -> useCases.getFlag.get(p, FLAG);
            case "list-flags" -> (p, e) -> useCases.listFlags.list(p, FlagQuery.all());
            case "get-config" -> (p, e) -> useCases.getFlagConfig.get(p, FLAG, e);
            case "list-environments" -> (p, e) -> useCases.listEnvironments.list(p);
            case "get-environment" -> (p, e) -> useCases.getEnvironment.get(p, e);
            case "define-flag" ->
                (p, e) -> useCases.updateFlag.update(
                        new UpdateFlag.Command(p, FLAG, 1, "Renamed", null, null, null, null, null, null));
            case "change-config" ->
                (p, e) -> useCases.changeConfig.change(
                        new ChangeFlagConfig.Command(p, FLAG, e, OptionalLong.empty(), new ConfigChange.Toggle(true)));
            case "delete-flag" ->
                (p, e) -> useCases.deleteFlag.delete(new DeleteFlag.Command(p, FLAG, OptionalLong.empty()));
            case "archive-flag" ->
                (p, e) -> useCases.archiveFlag.archive(new ArchiveFlag.Command(p, FLAG, OptionalLong.empty()));
            case "manage-users" ->
                (p, e) -> changeUserRole.change(new ChangeUserRole.Command(p, SOMEONE, Role.DEVELOPER));
            case "list-users" -> (p, e) -> listUsers.list(p);
            case "create-key" ->
                (p, e) -> createKey.create(new CreateKey.Command(p, "ci", new KeyScope.Management(Role.VIEWER)));
            case "list-keys" -> (p, e) -> listKeys.list(p);
            case "revoke-key" -> (p, e) -> revokeKey.revoke(new RevokeKey.Command(p, onlyKey()));
            case "create-environment" ->
                (p, e) -> useCases.createEnvironment.create(
                        new CreateEnvironment.Command(p, new EnvironmentKey("qa"), null, false, Optional.empty()));
            case "update-environment" ->
                (p, e) -> useCases.updateEnvironment.update(new UpdateEnvironment.Command(
                        p, e, Optional.of("Renamed"), Optional.empty(), Optional.empty()));
            default -> throw new IllegalArgumentException("no operation " + operation);
        };
    }

    /** A flag, a user other than the actor, an admin so the last-admin rule never interferes, and a key. */
    private void arrange() {
        assertThat(useCases.createFlag.create(FlagLifecycleTest.booleanFlag(FLAG.value())))
                .isInstanceOf(Outcome.Done.class);
        useCases.store.inTransaction(r -> {
            r.users()
                    .insert(new User(
                            SOMEONE,
                            new Email("someone@example.com"),
                            new PasswordHash("x"),
                            Role.VIEWER,
                            UseCases.NOW,
                            UseCases.NOW));
            r.users()
                    .insert(new User(
                            new UserId("root"),
                            new Email("root@example.com"),
                            new PasswordHash("x"),
                            Role.ADMIN,
                            UseCases.NOW,
                            UseCases.NOW));
            return null;
        });
        assertThat(createKey.create(new CreateKey.Command(
                        UseCases.ADMIN,
                        "existing",
                        new KeyScope.Evaluation(EnvironmentKey.STAGING, KeyScope.Side.SERVER))))
                .isInstanceOf(Outcome.Done.class);
    }

    private KeyId onlyKey() {
        return useCases.store.inTransaction(r -> r.keys().list()).getFirst().id();
    }

    /** Every stored thing: flags, configs in each environment, environments, users, keys, and the audit trail. */
    private List<Object> everything() {
        return useCases.store.inTransaction(r -> List.of(
                r.flags().list(FlagQuery.all()),
                r.flags().statesIn(EnvironmentKey.STAGING),
                r.flags().statesIn(EnvironmentKey.PRODUCTION),
                r.environments().list(),
                r.users().list(),
                r.keys().list(),
                useCases.store.auditTrail()));
    }
}
