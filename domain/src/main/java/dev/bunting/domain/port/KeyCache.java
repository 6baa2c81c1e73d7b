package dev.bunting.domain.port;

import dev.bunting.domain.key.AccessKey;
import java.util.Optional;
import java.util.function.Function;

/**
 * Recently checked keys by the digest of their secret, unknown ones included, so that steady traffic with a key and
 * floods of wrong ones both spare the store. Entries expire, which bounds how long another instance may accept a key
 * revoked elsewhere; the instance that revokes forgets at once.
 */
public interface KeyCache {

    /** The cached answer for {@code digest}, or what {@code loader} returns, which is then cached. */
    Optional<AccessKey> get(String digest, Function<String, Optional<AccessKey>> loader);

    void invalidateAll();
}
