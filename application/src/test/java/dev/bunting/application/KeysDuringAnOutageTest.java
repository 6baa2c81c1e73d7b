package dev.bunting.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bunting.adapter.memory.CaffeineKeyCache;
import dev.bunting.adapter.memory.InMemoryStore;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.adapter.memory.SecureRandomSecretGenerator;
import dev.bunting.application.key.AuthenticateKey;
import dev.bunting.application.key.CreateKey;
import dev.bunting.application.key.KnownKeys;
import dev.bunting.application.key.RevokeKey;
import dev.bunting.domain.MutableClock;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyScope;
import dev.bunting.domain.port.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * While the store cannot be reached, an SDK key this instance has checked goes on evaluating once its cache entry has
 * expired; nothing else is taken on trust: not API keys, not secrets never seen, not a key revoked here.
 */
class KeysDuringAnOutageTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final Outages.SwitchableStore store = new Outages.SwitchableStore(new InMemoryStore(START));
    private final CaffeineKeyCache cache = new CaffeineKeyCache(Duration.ofSeconds(10), 100);
    private final KnownKeys known = new KnownKeys();
    private final AuthenticateKey authenticateKey =
            new AuthenticateKey(store, cache, known, new StoreBreaker(clock, Runnable::run), clock);
    private final CreateKey createKey =
            new CreateKey(store, new RandomIdGenerator(), new SecureRandomSecretGenerator(), clock);
    private final RevokeKey revokeKey = new RevokeKey(store, cache, known, clock);

    @Test
    void an_sdk_key_checked_before_the_outage_goes_on_working_once_its_cache_entry_is_gone() {
        CreateKey.Created sdk = create(new KeyScope.Evaluation(EnvironmentKey.PRODUCTION, KeyScope.Side.SERVER));
        assertThat(authenticateKey.authenticate(sdk.secret().text())).isPresent();
        store.down = true;
        cache.invalidateAll();

        assertThat(authenticateKey.authenticate(sdk.secret().text()))
                .map(AccessKey::id)
                .hasValue(sdk.key().id());
    }

    @Test
    void an_api_key_checked_before_the_outage_is_not_taken_on_trust() {
        CreateKey.Created api = create(new KeyScope.Management(Role.DEVELOPER));
        assertThat(authenticateKey.authenticate(api.secret().text())).isPresent();
        store.down = true;
        cache.invalidateAll();

        assertThatThrownBy(() -> authenticateKey.authenticate(api.secret().text()))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void a_secret_never_checked_cannot_be_told_apart_from_a_wrong_one_during_the_outage() {
        CreateKey.Created sdk = create(new KeyScope.Evaluation(EnvironmentKey.PRODUCTION, KeyScope.Side.SERVER));
        store.down = true;

        assertThatThrownBy(() -> authenticateKey.authenticate(sdk.secret().text()))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void an_sdk_key_revoked_here_before_the_outage_does_not_work_during_it() {
        CreateKey.Created sdk = create(new KeyScope.Evaluation(EnvironmentKey.PRODUCTION, KeyScope.Side.SERVER));
        assertThat(authenticateKey.authenticate(sdk.secret().text())).isPresent();
        assertThat(revokeKey.revoke(
                        new RevokeKey.Command(UseCases.ADMIN, sdk.key().id())))
                .isInstanceOf(Outcome.Done.class);
        store.down = true;

        assertThatThrownBy(() -> authenticateKey.authenticate(sdk.secret().text()))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void an_sdk_key_revoked_on_another_instance_is_forgotten_here_once_the_store_says_so() {
        CreateKey.Created sdk = create(new KeyScope.Evaluation(EnvironmentKey.PRODUCTION, KeyScope.Side.SERVER));
        assertThat(authenticateKey.authenticate(sdk.secret().text())).isPresent();
        new RevokeKey(store, new CaffeineKeyCache(Duration.ofSeconds(10), 100), new KnownKeys(), clock)
                .revoke(new RevokeKey.Command(UseCases.ADMIN, sdk.key().id()));
        cache.invalidateAll();
        assertThat(authenticateKey.authenticate(sdk.secret().text()))
                .as("the entry expired, and the store says revoked")
                .isEmpty();
        store.down = true;
        cache.invalidateAll();

        assertThatThrownBy(() -> authenticateKey.authenticate(sdk.secret().text()))
                .isInstanceOf(StoreUnavailableException.class);
    }

    private CreateKey.Created create(KeyScope scope) {
        Outcome<CreateKey.Created> outcome = createKey.create(new CreateKey.Command(UseCases.ADMIN, "key", scope));
        return ((Outcome.Done<CreateKey.Created>) outcome).value();
    }
}
