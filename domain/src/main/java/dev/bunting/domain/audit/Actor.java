package dev.bunting.domain.audit;

import dev.bunting.domain.Checks;

/** Who made a change, as the audit trail names them: a user's email, or the operator or process that acted. */
public record Actor(String id) {

    public Actor {
        Checks.requireText("actor", id, 200);
    }
}
