package dev.bunting.sdk;

import dev.bunting.domain.evaluation.PreparedFlag;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One version of an environment's flag set, prepared for evaluation and never changed: the client swaps a whole
 * snapshot for another, so an evaluation reads one consistent version without a lock.
 *
 * @param version the flag set's version, as the server names it
 * @param etag    what {@code GET /sdk/flags} answered with it, for {@code If-None-Match}; null when it came from a file
 * @param flags   by key
 * @param ordered the same flags in the server's order, for evaluating all of them without iterating a map
 * @param body    the document it was read from, which the last-known-good file keeps
 */
record Snapshot(String version, String etag, Map<String, SnapshotFlag> flags, SnapshotFlag[] ordered, String body) {

    /** A flag ready to evaluate, and the experiment running on it, if one is (its exposures are reported). */
    record SnapshotFlag(PreparedFlag prepared, String experiment) {

        boolean sameAs(SnapshotFlag other) {
            return prepared.flag().equals(other.prepared.flag())
                    && prepared.config().equals(other.prepared.config())
                    && Objects.equals(experiment, other.experiment);
        }
    }

    static final Snapshot EMPTY = new Snapshot("", null, Map.of(), new SnapshotFlag[0], "");

    boolean isEmpty() {
        return version.isEmpty();
    }

    /** The keys of the flags added, removed or changed between {@code previous} and this. */
    Set<String> changedSince(Snapshot previous) {
        Set<String> changed = new HashSet<>();
        flags.forEach((key, flag) -> {
            SnapshotFlag before = previous.flags.get(key);
            if (before == null || !before.sameAs(flag)) {
                changed.add(key);
            }
        });
        for (String key : previous.flags.keySet()) {
            if (!flags.containsKey(key)) {
                changed.add(key);
            }
        }
        return changed;
    }

    Snapshot withEtag(String newEtag) {
        return new Snapshot(version, newEtag, flags, ordered, body);
    }
}
