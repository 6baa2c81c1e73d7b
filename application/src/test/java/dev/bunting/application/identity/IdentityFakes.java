package dev.bunting.application.identity;

import dev.bunting.domain.identity.PasswordHash;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.port.PasswordHasher;
import dev.bunting.domain.port.TokenIssuer;
import dev.bunting.domain.port.TokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Fast stand-ins for the hashing and token adapters, which have their own contract suites. */
final class IdentityFakes {

    private IdentityFakes() {}

    /** "Hashes" by reversing, tagged with a parameter generation so needsRehash can be exercised; counts its work. */
    static final class ReversingHasher implements PasswordHasher {
        final AtomicInteger verifications = new AtomicInteger();
        private final String generation;

        ReversingHasher(String generation) {
            this.generation = generation;
        }

        @Override
        public PasswordHash hash(String password) {
            return new PasswordHash(generation + ":" + new StringBuilder(password).reverse());
        }

        @Override
        public boolean matches(PasswordHash hash, String password) {
            verifications.incrementAndGet();
            return hash.encoded().endsWith(":" + new StringBuilder(password).reverse());
        }

        @Override
        public boolean needsRehash(PasswordHash hash) {
            return !hash.encoded().startsWith(generation + ":");
        }
    }

    /** Tokens are opaque counters remembered in a map, issued at the clock's second, valid for an hour. */
    static final class MapTokens implements TokenIssuer, TokenVerifier {
        private final Map<String, VerifiedToken> issued = new ConcurrentHashMap<>();
        private final AtomicInteger counter = new AtomicInteger();
        private final Clock clock;

        MapTokens(Clock clock) {
            this.clock = clock;
        }

        @Override
        public IssuedToken issue(UserId user, Role role, Instant credentialsChangedAt) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            String id = "t" + counter.incrementAndGet();
            issued.put(id, new VerifiedToken(user, role, id, now, now.plus(Duration.ofHours(1)), credentialsChangedAt));
            return new IssuedToken(id, id, now, now.plus(Duration.ofHours(1)));
        }

        @Override
        public Optional<VerifiedToken> verify(String token) {
            return Optional.ofNullable(token == null ? null : issued.get(token));
        }
    }
}
