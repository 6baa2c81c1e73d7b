package dev.bunting.adapter.redis;

import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import java.util.List;
import java.util.Optional;

/**
 * What the config caches of all instances share in Redis, under the installation's namespace:
 * <ul>
 *   <li>{@code config:v1:all} and {@code config:v1:version:<environment>}: the current <em>versions</em>, random
 *   tokens replaced by every invalidation of everything and of that environment. Random rather than counted, so that a
 *   Redis that restarts empty (or loses a key) never hands out a version a copy was tagged with before: a missing
 *   version matches nothing, and is set afresh by whoever next loads;</li>
 *   <li>{@code config:v1:snapshot:<environment>}: one {@link SnapshotDocument} per environment, tagged with the versions
 *   it was loaded under, expiring with the time to live;</li>
 *   <li>channel {@code config:v1:invalidations}: one message per invalidation, {@code <origin> <version> <target>}, the
 *   target being an environment or {@code *} for all; and {@code config:v1:acks:<origin>}, where subscribers confirm
 *   a message whose origin waits for confirmations.</li>
 * </ul>
 * The {@code v1} names the snapshot format, so that instances of another release, reading a format they do not know,
 * use keys of their own rather than failing on ours.
 *
 * <p>Every method is one round trip (one Lua script or command), and throws {@link RedisUnavailableException} for the cache to
 * handle.
 */
final class SharedConfigs {

    /** The origin of a message that waits for no confirmation. */
    static final String NO_CONFIRMATION = "-";

    static final String EVERY_ENVIRONMENT = "*";

    /**
     * KEYS: [1] all, [2] the environment's version, [3] its snapshot. ARGV: [1], [2] the versions the caller holds
     * ({@code ''} for none). Returns both versions, and the snapshot too unless the caller's versions are current.
     */
    private static final String CHECK = """
            local all = redis.call('GET', KEYS[1])
            local environment = redis.call('GET', KEYS[2])
            if all and environment and all == ARGV[1] and environment == ARGV[2] then
              return {all, environment}
            end
            return {all, environment, redis.call('GET', KEYS[3])}
            """;

    /** KEYS: [1] all, [2] the environment's version. ARGV: fresh versions for those that are missing. */
    private static final String ESTABLISH = """
            redis.call('SET', KEYS[1], ARGV[1], 'NX')
            redis.call('SET', KEYS[2], ARGV[2], 'NX')
            return {redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2])}
            """;

    /**
     * KEYS: [1] all, [2] the environment's version, [3] its snapshot. ARGV: [1], [2] the versions it was loaded under,
     * [3] the document, [4] its time to live in ms. Stores only while those versions are current, so that a slow load
     * does not replace a newer snapshot.
     */
    private static final String STORE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] and redis.call('GET', KEYS[2]) == ARGV[2] then
              redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[4])
              return 1
            end
            return 0
            """;

    /**
     * KEYS: [1] the version to replace, [2] (for one environment) its snapshot. ARGV: [1] the new version, [2] the
     * channel, [3] the message. Returns how many subscribers the message reached.
     */
    private static final String ANNOUNCE = """
            redis.call('SET', KEYS[1], ARGV[1])
            if KEYS[2] then
              redis.call('DEL', KEYS[2])
            end
            return redis.call('PUBLISH', ARGV[2], ARGV[3])
            """;

    private static final String PREFIX = "config:v1:";

    private final RedisCalls redis;

    SharedConfigs(RedisCalls redis) {
        this.redis = redis;
    }

    /**
     * The versions an environment's copies are compared by. A copy carries those it was loaded under; either part is
     * null when Redis holds none (it restarted empty, or nobody has loaded yet), which no copy may be tagged with.
     */
    record Versions(String all, String environment) {

        boolean complete() {
            return all != null && environment != null;
        }
    }

    /** @param snapshot the stored document, unread; empty when it was not asked for or there is none */
    record Check(Versions current, Optional<String> snapshot) {}

    /** @param held the versions of the copy the caller holds, or null; when current, the snapshot is not sent */
    Check check(EnvironmentKey environment, Versions held) {
        List<String> reply = redis.evalStrings(
                CHECK, keys(environment), held == null ? "" : held.all(), held == null ? "" : held.environment());
        Versions current = new Versions(reply.get(0), reply.get(1));
        return new Check(current, reply.size() > 2 ? Optional.ofNullable(reply.get(2)) : Optional.empty());
    }

    /** The environment's versions, setting {@code fresh}'s parts where Redis holds none. */
    Versions establish(EnvironmentKey environment, Versions fresh) {
        List<String> reply = redis.evalStrings(
                ESTABLISH,
                new String[] {redis.key(PREFIX + "all"), versionKey(environment)},
                fresh.all(),
                fresh.environment());
        return new Versions(reply.get(0), reply.get(1));
    }

    /** @return whether it was stored: not when either version has moved on since {@code versions} were read */
    boolean store(
            EnvironmentKey environment,
            Versions versions,
            PreparedEnvironment prepared,
            long expiresAtMillis,
            long timeToLiveMillis) {
        return redis.evalInteger(
                        STORE,
                        keys(environment),
                        versions.all(),
                        versions.environment(),
                        SnapshotDocument.write(versions, expiresAtMillis, prepared),
                        Long.toString(timeToLiveMillis))
                == 1;
    }

    /**
     * Gives the target (one environment, or all when empty) the new version {@code version}, drops its snapshot, and
     * publishes the invalidation.
     *
     * @return how many subscribers received the message: every instance that will confirm it, if {@code origin} waits
     */
    long announce(Optional<EnvironmentKey> target, String version, String origin) {
        String[] keys = target.map(environment -> new String[] {versionKey(environment), snapshotKey(environment)})
                .orElseGet(() -> new String[] {redis.key(PREFIX + "all")});
        String message =
                origin + ' ' + version + ' ' + target.map(EnvironmentKey::value).orElse(EVERY_ENVIRONMENT);
        return redis.evalInteger(ANNOUNCE, keys, version, invalidationChannel(), message);
    }

    /** Tells {@code origin} that its invalidation {@code version} has been carried out here. */
    void confirm(String origin, String version) {
        redis.publish(confirmationChannel(origin), version);
    }

    /** Whether Redis answers. */
    void ping() {
        redis.ping();
    }

    String invalidationChannel() {
        return redis.key(PREFIX + "invalidations");
    }

    String confirmationChannel(String origin) {
        return redis.key(PREFIX + "acks:" + origin);
    }

    private String[] keys(EnvironmentKey environment) {
        return new String[] {redis.key(PREFIX + "all"), versionKey(environment), snapshotKey(environment)};
    }

    private String versionKey(EnvironmentKey environment) {
        return redis.key(PREFIX + "version:" + environment.value());
    }

    String snapshotKey(EnvironmentKey environment) {
        return redis.key(PREFIX + "snapshot:" + environment.value());
    }
}
