package dev.bunting.domain.audit;

import dev.bunting.domain.Checks;

import java.time.Instant;

/**
 * One change: who made it, when, to what, and the state before and after (null where the resource did not exist).
 *
 * @param resource  what changed, such as {@code flag:new-checkout} or {@code flag:new-checkout/production}
 * @param before    the domain object before the change
 * @param after     the domain object after the change
 */
public record AuditEntry(Actor actor, String action, String resource, Object before, Object after, Instant at) {
    public AuditEntry {
        Checks.requirePresent("actor", actor);
        Checks.requireText("action", action, 100);
        Checks.requireText("resource", resource, 400);
        Checks.requirePresent("at", at);
    }
}
