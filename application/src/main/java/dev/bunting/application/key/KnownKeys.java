package dev.bunting.application.key;

import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyScope;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The working SDK keys this instance has checked, by the digest of their secret, so that evaluations with them go on
 * while the store cannot be reached and the key cache's entry has expired. Only SDK keys, which only evaluate: a key
 * revoked on another instance just before an outage goes on evaluating here while the outage lasts, at worst. A key
 * revoked on this instance is forgotten at once. Unknown and revoked secrets are never kept, so a flood of made-up
 * ones costs nothing here.
 */
@Singleton
public final class KnownKeys {

    private final ConcurrentMap<String, AccessKey> byDigest = new ConcurrentHashMap<>();

    @Inject
    public KnownKeys() {}

    Optional<AccessKey> find(String digest) {
        return Optional.ofNullable(byDigest.get(digest));
    }

    /** Notes what a check of {@code digest} found: a working SDK key is kept, anything else forgotten. */
    void checked(String digest, Optional<AccessKey> found) {
        if (found.isPresent()
                && found.get().scope() instanceof KeyScope.Evaluation
                && !found.get().isRevoked()) {
            if (byDigest.get(digest) != found.get()) {
                byDigest.put(digest, found.get());
            }
        } else {
            byDigest.remove(digest);
        }
    }

    void forget(String digest) {
        byDigest.remove(digest);
    }
}
