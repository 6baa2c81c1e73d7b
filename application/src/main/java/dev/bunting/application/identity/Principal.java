package dev.bunting.application.identity;

import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;

/** A signed-in user, as the request that carries their token is served. */
public record Principal(UserId user, Email email, Role role) {

    /** How this principal appears in the audit trail. */
    public Actor actor() {
        return new Actor(email.value());
    }
}
