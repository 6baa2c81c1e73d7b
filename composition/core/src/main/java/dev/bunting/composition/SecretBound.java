package dev.bunting.composition;

import java.security.MessageDigest;
import java.util.function.Function;

/** Something built from the signing secret, built again only when the secret changes. */
public final class SecretBound<T> {

    private record Built<T>(byte[] secret, T value) {}

    private final SigningSecret secret;
    private final Function<byte[], T> build;
    private volatile Built<T> last;

    public SecretBound(SigningSecret secret, Function<byte[], T> build) {
        this.secret = secret;
        this.build = build;
    }

    public T get() {
        byte[] now = secret.current();
        Built<T> built = last;
        if (built == null || !MessageDigest.isEqual(built.secret(), now)) {
            built = new Built<>(now, build.apply(now));
            last = built;
        }
        return built.value();
    }
}
