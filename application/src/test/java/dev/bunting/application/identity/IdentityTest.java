package dev.bunting.application.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.adapter.memory.CaffeineKeyCache;
import dev.bunting.adapter.memory.InMemoryStore;
import dev.bunting.adapter.memory.InProcessSignInThrottle;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.adapter.memory.SimplePasswordStrength;
import dev.bunting.application.Outcome;
import dev.bunting.application.key.KeyRevocations;
import dev.bunting.application.key.KnownKeys;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordPolicy;
import dev.bunting.domain.identity.RegistrationPolicy;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String PASSWORD = "wobbly lanterns ferry sixty owls";
    private static final PasswordPolicy POLICY = new PasswordPolicy(new SimplePasswordStrength());
    private static final String ADDRESS = "10.0.0.9";

    private final InMemoryStore store = new InMemoryStore(NOW);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final IdentityFakes.ReversingHasher hasher = new IdentityFakes.ReversingHasher("v2");
    private final IdentityFakes.MapTokens tokens = new IdentityFakes.MapTokens(clock);
    private final InProcessSignInThrottle throttle = new InProcessSignInThrottle(clock, 3, Duration.ofMinutes(15));
    /** Registrations from one address, counted apart so that the tests of sign-in may register a few users. */
    private final InProcessSignInThrottle registrations =
            new InProcessSignInThrottle(clock, 100, Duration.ofMinutes(15));

    private final RegisterUser register = new RegisterUser(
            store, hasher, POLICY, RegistrationPolicy.OPEN, registrations, new RandomIdGenerator(), clock);
    private final SignIn signIn = new SignIn(store, hasher, tokens, throttle);
    private final Authenticate authenticate = new Authenticate(store, tokens);
    private final ListUsers listUsers = new ListUsers(store);
    private final ChangeUserRole changeRole = new ChangeUserRole(
            store, new KeyRevocations(new CaffeineKeyCache(Duration.ofSeconds(10), 100), new KnownKeys()), clock);

    @Test
    void a_registered_user_is_a_viewer_and_signs_in_with_their_password() {
        User alice = registered("Alice@Example.com");

        SignIn.Result result = signIn.signIn(new SignIn.Command(new Email("alice@example.com"), PASSWORD, "10.0.0.1"));

        assertThat(alice.role()).isEqualTo(Role.VIEWER);
        assertThat(result).isInstanceOf(SignIn.Result.SignedIn.class);
        String token = ((SignIn.Result.SignedIn) result).token().token();
        assertThat(authenticate.authenticate(token).map(Session::principal))
                .contains(new Principal.SignedIn(alice.id(), alice.email(), Role.VIEWER));
    }

    @Test
    void a_weak_or_common_password_is_refused_before_anything_is_stored() {
        assertThatThrownBy(() ->
                        register.register(new RegisterUser.Command(new Email("bob@example.com"), "short", ADDRESS)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> register.register(
                        new RegisterUser.Command(new Email("bob@example.com"), "aaaaaaaaaaaa", ADDRESS)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(store.auditTrail()).isEmpty();
    }

    @Test
    void registering_a_taken_email_or_a_lookalike_answers_as_a_new_one_would_and_leaves_the_account_untouched() {
        User alice = registered("alice@example.com");
        long audited = store.auditTrail().size();

        for (String again : new String[] {"ALICE@example.com", "\u0430lice@example.com", "ａｌｉｃｅ@example.com"}) {
            Outcome<User> outcome =
                    register.register(new RegisterUser.Command(new Email(again), "another long passphrase", ADDRESS));

            User answered = ((Outcome.Done<User>) outcome).value();
            assertThat(answered.id()).isNotEqualTo(alice.id());
            assertThat(answered.role()).isEqualTo(Role.VIEWER);
        }
        assertThat(listUsers.list(new Principal.SignedIn(alice.id(), alice.email(), Role.ADMIN)))
                .isInstanceOfSatisfying(
                        Outcome.Done.class,
                        done -> assertThat((List<?>) done.value()).hasSize(1));
        assertThat(store.auditTrail()).hasSize((int) audited);
        assertThat(signIn.signIn(new SignIn.Command(alice.email(), PASSWORD, "10.0.0.1")))
                .isInstanceOf(SignIn.Result.SignedIn.class);
        assertThat(signIn.signIn(new SignIn.Command(alice.email(), "another long passphrase", "10.0.0.1")))
                .isInstanceOf(SignIn.Result.Rejected.class);
    }

    @Test
    void registrations_from_one_address_are_throttled_and_others_are_not() {
        RegisterUser throttled = new RegisterUser(
                store,
                hasher,
                POLICY,
                RegistrationPolicy.OPEN,
                new InProcessSignInThrottle(clock, 2, Duration.ofMinutes(15)),
                new RandomIdGenerator(),
                clock);

        Outcome<User> first =
                throttled.register(new RegisterUser.Command(new Email("one@example.com"), PASSWORD, "10.0.0.5"));
        Outcome<User> second =
                throttled.register(new RegisterUser.Command(new Email("two@example.com"), PASSWORD, "10.0.0.5"));
        Outcome<User> third =
                throttled.register(new RegisterUser.Command(new Email("three@example.com"), PASSWORD, "10.0.0.5"));
        Outcome<User> elsewhere =
                throttled.register(new RegisterUser.Command(new Email("four@example.com"), PASSWORD, "10.0.0.6"));

        assertThat(List.of(first, second, elsewhere)).allMatch(Outcome.Done.class::isInstance);
        assertThat(third).isInstanceOf(Outcome.Throttled.class);
        Optional<User> notStored = store.inTransaction(r -> r.users().findByEmail(new Email("three@example.com")));
        assertThat(notStored).isEmpty();
    }

    @Test
    void a_wrong_password_and_an_unknown_email_are_rejected_alike_and_both_cost_a_hash_check() {
        registered("alice@example.com");

        SignIn.Result wrongPassword = signIn.signIn(
                new SignIn.Command(new Email("alice@example.com"), "not the password at all", "10.0.0.1"));
        int afterWrongPassword = hasher.verifications.get();
        SignIn.Result unknownEmail =
                signIn.signIn(new SignIn.Command(new Email("nobody@example.com"), PASSWORD, "10.0.0.1"));

        assertThat(wrongPassword).isEqualTo(unknownEmail).isInstanceOf(SignIn.Result.Rejected.class);
        assertThat(afterWrongPassword).isEqualTo(1);
        assertThat(hasher.verifications.get()).isEqualTo(2);
    }

    @Test
    void a_hash_made_with_older_parameters_is_replaced_at_sign_in() {
        RegisterUser oldRegister = new RegisterUser(
                store,
                new IdentityFakes.ReversingHasher("v1"),
                POLICY,
                RegistrationPolicy.OPEN,
                registrations,
                new RandomIdGenerator(),
                clock);
        User alice = ((Outcome.Done<User>) oldRegister.register(
                        new RegisterUser.Command(new Email("alice@example.com"), PASSWORD, ADDRESS)))
                .value();

        signIn.signIn(new SignIn.Command(alice.email(), PASSWORD, "10.0.0.1"));

        User stored = store.inTransaction(r -> r.users().find(alice.id())).orElseThrow();
        assertThat(stored.passwordHash().encoded()).startsWith("v2:");
    }

    @Test
    void an_unknown_token_or_a_token_of_a_deleted_session_authenticates_nobody() {
        assertThat(authenticate.authenticate("forged")).isEmpty();
        assertThat(authenticate.authenticate(null)).isEmpty();
    }

    @Test
    void only_admins_list_users_and_change_roles_and_a_role_change_applies_to_existing_tokens_at_once() {
        User alice = registered("alice@example.com");
        User bob = registered("bob@example.com");
        make_admin(alice);
        Principal admin = new Principal.SignedIn(alice.id(), alice.email(), Role.ADMIN);
        Principal viewer = new Principal.SignedIn(bob.id(), bob.email(), Role.VIEWER);
        String bobsToken = ((SignIn.Result.SignedIn)
                        signIn.signIn(new SignIn.Command(bob.email(), PASSWORD, "10.0.0.1")))
                .token()
                .token();

        assertThat(listUsers.list(viewer)).isInstanceOf(Outcome.Forbidden.class);
        assertThat(changeRole.change(new ChangeUserRole.Command(viewer, bob.id(), Role.ADMIN)))
                .isInstanceOf(Outcome.Forbidden.class);
        assertThat(changeRole.change(new ChangeUserRole.Command(admin, bob.id(), Role.DEVELOPER)))
                .isInstanceOf(Outcome.Done.class);

        assertThat(((Outcome.Done<List<User>>) listUsers.list(admin)).value())
                .extracting(User::role)
                .containsExactly(Role.ADMIN, Role.DEVELOPER);
        assertThat(authenticate.authenticate(bobsToken))
                .hasValueSatisfying(s -> assertThat(s.principal().role()).isEqualTo(Role.DEVELOPER));
        assertThat(store.auditTrail()).extracting(AuditEntry::action).contains("user.role_changed");
    }

    @Test
    void the_last_admin_cannot_step_down() {
        User alice = registered("alice@example.com");
        make_admin(alice);
        Principal admin = new Principal.SignedIn(alice.id(), alice.email(), Role.ADMIN);

        assertThat(changeRole.change(new ChangeUserRole.Command(admin, alice.id(), Role.VIEWER)))
                .isInstanceOf(Outcome.Refused.class);
    }

    @Test
    void the_configured_admin_is_created_only_while_there_are_no_users() {
        BootstrapAdmin bootstrap = new BootstrapAdmin(store, hasher, POLICY, new RandomIdGenerator(), clock);

        assertThat(bootstrap.createIfNoUsers(new Email("root@example.com"), PASSWORD))
                .hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.ADMIN));
        assertThat(bootstrap.createIfNoUsers(new Email("other@example.com"), PASSWORD))
                .isEmpty();
        assertThat(signIn.signIn(new SignIn.Command(new Email("root@example.com"), PASSWORD, "10.0.0.1")))
                .isInstanceOf(SignIn.Result.SignedIn.class);
    }

    @Test
    void the_operator_promotes_an_existing_user_and_the_audit_trail_names_them() {
        User bob = registered("bob@example.com");
        PromoteToAdmin promote = new PromoteToAdmin(store, clock);

        assertThat(promote.promote(bob.email(), dev.bunting.domain.audit.Actor.system("operator")))
                .isInstanceOf(Outcome.Done.class);
        assertThat(promote.promote(new Email("nobody@example.com"), dev.bunting.domain.audit.Actor.system("operator")))
                .isInstanceOf(Outcome.NotFound.class);

        assertThat(store.inTransaction(r -> r.users().find(bob.id()))
                        .orElseThrow()
                        .role())
                .isEqualTo(Role.ADMIN);
        assertThat(store.auditTrail().getLast().actor().id()).isEqualTo("operator");
    }

    @Test
    void repeated_failures_throttle_the_account_before_any_password_is_checked_and_the_right_password_then_waits_too() {
        registered("alice@example.com");
        for (int i = 0; i < 3; i++) {
            signIn.signIn(new SignIn.Command(new Email("alice@example.com"), "a wrong password " + i, "10.0.0." + i));
        }
        int checksBefore = hasher.verifications.get();

        SignIn.Result result = signIn.signIn(new SignIn.Command(new Email("alice@example.com"), PASSWORD, "10.9.9.9"));

        assertThat(result)
                .isInstanceOfSatisfying(
                        SignIn.Result.Throttled.class,
                        t -> assertThat(t.retryAfter()).isPositive());
        assertThat(hasher.verifications.get()).isEqualTo(checksBefore);
    }

    @Test
    void closed_registration_or_a_domain_outside_the_list_is_forbidden_and_stores_nobody() {
        RegisterUser closed = new RegisterUser(
                store,
                hasher,
                POLICY,
                RegistrationPolicy.parse("r", "closed"),
                registrations,
                new RandomIdGenerator(),
                clock);
        RegisterUser companyOnly = new RegisterUser(
                store,
                hasher,
                POLICY,
                RegistrationPolicy.parse("r", "domains:example.com"),
                registrations,
                new RandomIdGenerator(),
                clock);

        assertThat(closed.register(new RegisterUser.Command(new Email("alice@example.com"), PASSWORD, ADDRESS)))
                .isInstanceOf(Outcome.Forbidden.class);
        assertThat(companyOnly.register(
                        new RegisterUser.Command(new Email("mallory@elsewhere.org"), PASSWORD, ADDRESS)))
                .isInstanceOf(Outcome.Forbidden.class);
        long users = store.inTransaction(r -> r.users().count());
        assertThat(users).isZero();
        assertThat(companyOnly.register(new RegisterUser.Command(new Email("alice@example.com"), PASSWORD, ADDRESS)))
                .isInstanceOf(Outcome.Done.class);
    }

    @Test
    void signing_out_ends_that_session_only() {
        User alice = registered("alice@example.com");
        String first = token(alice);
        String second = token(alice);

        new SignOut(store).signOut(authenticate.authenticate(first).orElseThrow());

        assertThat(authenticate.authenticate(first)).isEmpty();
        assertThat(authenticate.authenticate(second)).isPresent();
    }

    @Test
    void changing_the_password_needs_the_current_one_and_then_only_the_new_one_signs_in() {
        User alice = registered("alice@example.com");
        Session session = authenticate.authenticate(token(alice)).orElseThrow();
        ChangePassword change = new ChangePassword(store, hasher, POLICY, throttle, clock);

        assertThat(change.change(
                        new ChangePassword.Command(session, "not my password", "a brand new passphrase", "10.0.0.2")))
                .isInstanceOf(Outcome.Forbidden.class);
        assertThat(change.change(new ChangePassword.Command(session, PASSWORD, "a brand new passphrase", "10.0.0.2")))
                .isInstanceOf(Outcome.Done.class);

        assertThat(authenticate.authenticate(session.tokenId())).isEmpty();
        assertThat(signIn.signIn(new SignIn.Command(alice.email(), PASSWORD, "10.0.0.2")))
                .isInstanceOf(SignIn.Result.Rejected.class);
        assertThat(signIn.signIn(new SignIn.Command(alice.email(), "a brand new passphrase", "10.0.0.2")))
                .isInstanceOf(SignIn.Result.SignedIn.class);
    }

    @Test
    void wrong_current_passwords_count_as_failed_sign_ins_for_the_account_and_once_throttled_nothing_is_checked() {
        User alice = registered("alice@example.com");
        Session session = authenticate.authenticate(token(alice)).orElseThrow();
        ChangePassword change = new ChangePassword(store, hasher, POLICY, throttle, clock);

        for (int guess = 0; guess < 3; guess++) {
            assertThat(change.change(new ChangePassword.Command(
                            session, "guess number " + guess, "a brand new passphrase", "10.0.0.7" + guess)))
                    .isInstanceOf(Outcome.Forbidden.class);
        }
        int checked = hasher.verifications.get();

        assertThat(change.change(new ChangePassword.Command(session, PASSWORD, "a brand new passphrase", "10.0.0.8")))
                .isInstanceOf(Outcome.Throttled.class);
        assertThat(signIn.signIn(new SignIn.Command(alice.email(), PASSWORD, "10.0.0.8")))
                .isInstanceOf(SignIn.Result.Throttled.class);
        assertThat(hasher.verifications.get()).isEqualTo(checked);
    }

    private String token(User user) {
        return ((SignIn.Result.SignedIn) signIn.signIn(new SignIn.Command(user.email(), PASSWORD, "10.0.0.1")))
                .token()
                .token();
    }

    private User registered(String email) {
        Outcome<User> outcome = register.register(new RegisterUser.Command(new Email(email), PASSWORD, ADDRESS));
        return ((Outcome.Done<User>) outcome).value();
    }

    private void make_admin(User user) {
        store.inTransaction(r -> r.users().update(user.withRole(Role.ADMIN)));
    }
}
