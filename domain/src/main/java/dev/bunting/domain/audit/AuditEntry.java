package dev.bunting.domain.audit;

import dev.bunting.domain.Checks;
import dev.bunting.domain.environment.EnvironmentKey;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One change: who made it, when, to what, in which environment, and the state before and after (null where the
 * resource did not exist).
 *
 * @param environment the environment the change applies to, such as a flag's config there; null for changes that
 *                    span environments (a flag's definition, a user)
 * @param before      the domain object before the change
 * @param after       the domain object after the change
 */
public record AuditEntry(
        Actor actor,
        String action,
        Entity entity,
        @Nullable EnvironmentKey environment,
        @Nullable Object before,
        @Nullable Object after,
        Instant at) {
    public AuditEntry {
        Checks.requirePresent("actor", actor);
        Checks.requireText("action", action, 100);
        Checks.requirePresent("entity", entity);
        Checks.requirePresent("at", at);
    }

    /** A change that spans environments. */
    public AuditEntry(
            Actor actor, String action, Entity entity, @Nullable Object before, @Nullable Object after, Instant at) {
        this(actor, action, entity, null, before, after, at);
    }

    /** The entity, qualified by its environment where it has one: {@code flag:new-checkout/production}. */
    public String resource() {
        return environment == null ? entity.toString() : entity + "/" + environment;
    }
}
