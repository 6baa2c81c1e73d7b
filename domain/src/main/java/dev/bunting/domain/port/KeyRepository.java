package dev.bunting.domain.port;

import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API and SDK keys, revoked ones included, so the list shows what was cut off and when. Prefixes are unique. */
public interface KeyRepository {

    /** @return false when the id or the prefix is taken */
    boolean insert(AccessKey key);

    Optional<AccessKey> find(KeyId id);

    Optional<AccessKey> findByPrefix(String prefix);

    /** Every key, newest first. */
    List<AccessKey> list();

    /** @return false when there is no such key or it was revoked already */
    boolean revoke(KeyId id, Instant at);

    /** Records that the key authenticated a request at {@code at}. */
    void markUsed(KeyId id, Instant at);
}
