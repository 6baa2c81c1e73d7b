package dev.bunting.application.audit;

import dev.bunting.domain.audit.AuditDocuments;
import dev.bunting.domain.audit.AuditRecord;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.port.AuditCursor;
import dev.bunting.domain.port.AuditPage;
import dev.bunting.domain.port.AuditQuery;
import dev.bunting.domain.port.FlagQuery;
import dev.bunting.domain.port.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a store holds, read through its ports, in the terms the audit trail records: each environment, flag, saved
 * config, user and key as its audit document with its timestamps, keyed {@code environment:qa}, {@code flag:checkout},
 * {@code config:checkout/qa}, {@code user:u-1} and {@code key:k-1}; and the whole trail, oldest first.
 */
public final class StoreState {

    private StoreState() {}

    /**
     * One environment, flag or saved config.
     *
     * @param createdAt null for a config, which keeps no creation time
     * @param updatedAt null for an environment or a user, which keep no time of their last change; for a key, when
     *                  it was revoked
     */
    public record Resource(Object document, Instant createdAt, Instant updatedAt) {}

    public static SortedMap<String, Resource> of(Store store) {
        return store.inTransaction(r -> {
            SortedMap<String, Resource> state = new TreeMap<>();
            List<Environment> environments = r.environments().list();
            for (Environment environment : environments) {
                state.put(
                        "environment:" + environment.key(),
                        new Resource(AuditDocuments.of(environment), environment.createdAt(), null));
            }
            for (Flag flag : r.flags().list(FlagQuery.all()).items()) {
                state.put(
                        "flag:" + flag.key(),
                        new Resource(AuditDocuments.of(flag), flag.createdAt(), flag.updatedAt()));
                for (Environment environment : environments) {
                    r.flags()
                            .findConfig(flag.key(), environment.key())
                            .ifPresent(config -> state.put(
                                    "config:" + flag.key() + "/" + environment.key(),
                                    new Resource(AuditDocuments.of(config), null, config.updatedAt())));
                }
            }
            for (User user : r.users().list()) {
                state.put("user:" + user.id(), new Resource(AuditDocuments.of(user), user.createdAt(), null));
            }
            for (AccessKey key : r.keys().list()) {
                state.put("key:" + key.id(), new Resource(AuditDocuments.of(key), key.createdAt(), key.revokedAt()));
            }
            return state;
        });
    }

    /** Every entry of the trail, oldest first, read a page at a time as a client would. */
    public static List<AuditRecord> trail(Store store) {
        List<AuditRecord> newestFirst = new ArrayList<>();
        AuditCursor cursor = null;
        do {
            AuditQuery query = new AuditQuery(null, null, null, null, null, null, cursor, AuditQuery.MAX_LIMIT);
            AuditPage page = store.inTransaction(r -> r.trail().list(query));
            newestFirst.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        return newestFirst.reversed();
    }
}
