package dev.bunting.domain.port;

import static dev.bunting.domain.port.StoreFixtures.CREATED;
import static dev.bunting.domain.port.StoreFixtures.LATER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordHash;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.identity.UserId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How {@link UserRepository} keeps users, their roles and revoked tokens. */
abstract class UserRepositoryContract extends RepositoryContract {

    UserRepositoryContract(StoreContract suite) {
        super(suite);
    }

    @Test
    void an_inserted_user_is_found_by_id_and_by_email_exactly_as_written() {
        User alice = aUser("u1", "alice@example.com", Role.VIEWER);
        write(r -> assertThat(r.users().insert(alice)).isTrue());

        Optional<User> byId = read(r -> r.users().find(alice.id()));
        Optional<User> byEmail = read(r -> r.users().findByEmail(new Email("ALICE@example.com")));
        long count = read(r -> r.users().count());
        assertThat(byId).contains(alice);
        assertThat(byEmail).contains(alice);
        assertThat(count).isEqualTo(1);
    }

    @Test
    void a_second_user_with_the_same_email_or_id_is_refused() {
        write(r -> r.users().insert(aUser("u1", "alice@example.com", Role.VIEWER)));

        boolean sameEmail = read(r -> r.users().insert(aUser("u2", "alice@example.com", Role.ADMIN)));
        boolean sameId = read(r -> r.users().insert(aUser("u1", "bob@example.com", Role.ADMIN)));
        List<User> users = read(r -> r.users().list());
        assertThat(sameEmail).isFalse();
        assertThat(sameId).isFalse();
        assertThat(users).extracting(User::role).containsExactly(Role.VIEWER);
    }

    @Test
    void a_user_whose_email_looks_like_an_existing_one_is_refused_while_others_are_not() {
        write(r -> r.users().insert(aUser("u1", "root@example.com", Role.ADMIN)));

        boolean cyrillic = read(r -> r.users().insert(aUser("u2", "r\u043e\u043et@example.com", Role.VIEWER)));
        boolean fullwidth =
                read(r -> r.users().insert(aUser("u3", "\uff32\uff2f\uff2f\uff34@example.com", Role.VIEWER)));
        boolean digits = read(r -> r.users().insert(aUser("u4", "r00t@example.com", Role.VIEWER)));
        boolean different = read(r -> r.users().insert(aUser("u5", "rose@example.com", Role.VIEWER)));

        assertThat(List.of(cyrillic, fullwidth, digits)).containsOnly(false);
        assertThat(different).isTrue();
        Optional<User> found = read(r -> r.users().findByEmail(new Email("ROOT@EXAMPLE.COM")));
        assertThat(found).map(User::id).hasValue(new UserId("u1"));
    }

    @Test
    void an_update_changes_role_and_credentials_but_never_the_email() {
        User alice = aUser("u1", "alice@example.com", Role.VIEWER);
        write(r -> r.users().insert(alice));
        User changed = new User(
                alice.id(),
                new Email("mallory@example.com"),
                new PasswordHash("$argon2id$v=19$m=1,t=1,p=1$new$hash"),
                Role.DEVELOPER,
                LATER,
                LATER);

        write(r -> assertThat(r.users().update(changed)).isTrue());

        User stored = read(r -> r.users().find(alice.id())).orElseThrow();
        assertThat(stored.email()).isEqualTo(alice.email());
        assertThat(stored.role()).isEqualTo(Role.DEVELOPER);
        assertThat(stored.passwordHash()).isEqualTo(changed.passwordHash());
        assertThat(stored.credentialsChangedAt()).isEqualTo(LATER);
        boolean updatedNobody = read(r -> r.users().update(aUser("nobody", "nobody@example.com", Role.ADMIN)));
        assertThat(updatedNobody).isFalse();
    }

    @Test
    void users_are_listed_by_email() {
        write(r -> {
            r.users().insert(aUser("u1", "carol@example.com", Role.VIEWER));
            r.users().insert(aUser("u2", "alice@example.com", Role.ADMIN));
            r.users().insert(aUser("u3", "bob@example.com", Role.DEVELOPER));
        });

        List<User> users = read(r -> r.users().list());
        assertThat(users)
                .extracting(u -> u.email().value())
                .containsExactly("alice@example.com", "bob@example.com", "carol@example.com");
    }

    @Test
    void locking_the_admins_reads_every_admin_and_only_them() {
        write(r -> {
            r.users().insert(aUser("u1", "carol@example.com", Role.ADMIN));
            r.users().insert(aUser("u2", "alice@example.com", Role.DEVELOPER));
            r.users().insert(aUser("u3", "bob@example.com", Role.ADMIN));
        });

        List<User> admins = read(r -> r.users().lockAdmins());
        assertThat(admins).extracting(u -> u.id().value()).containsExactlyInAnyOrder("u1", "u3");
    }

    /**
     * Two admins take the role from each other at the same moment, many times over, each only while the admins it
     * holds include another: however their units of work interleave, one admin is left every time.
     */
    @Test
    void two_admins_demoting_each_other_at_once_always_leave_one() throws Exception {
        User alice = aUser("u1", "alice@example.com", Role.ADMIN);
        User bob = aUser("u2", "bob@example.com", Role.ADMIN);
        write(r -> {
            r.users().insert(alice);
            r.users().insert(bob);
        });
        for (int round = 0; round < 40; round++) {
            write(r -> {
                r.users().update(alice);
                r.users().update(bob);
            });

            List<Boolean> demoted = race(writer -> r -> {
                UserId other = (writer % 2 == 0 ? bob : alice).id();
                List<User> admins = r.users().lockAdmins();
                User target = r.users().find(other).orElseThrow();
                if (target.role() != Role.ADMIN
                        || admins.stream().allMatch(admin -> admin.id().equals(other))) {
                    return false;
                }
                return r.users().update(target.withRole(Role.DEVELOPER));
            });

            List<User> admins = read(r -> r.users().list()).stream()
                    .filter(user -> user.role() == Role.ADMIN)
                    .toList();
            assertThat(admins).as("admins after round " + round).hasSize(1);
            assertThat(demoted).as("demotions in round " + round).containsOnlyOnce(true);
        }
    }

    @Test
    void a_revoked_token_stays_revoked_and_others_are_not() {
        write(r -> r.users().revokeToken("token-1", LATER));
        write(r -> r.users().revokeToken("token-1", LATER));

        boolean revoked = read(r -> r.users().isTokenRevoked("token-1"));
        boolean other = read(r -> r.users().isTokenRevoked("token-2"));
        assertThat(revoked).isTrue();
        assertThat(other).isFalse();
    }

    private static User aUser(String id, String email, Role role) {
        return new User(
                new UserId(id),
                new Email(email),
                new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
                role,
                CREATED,
                CREATED);
    }
}
