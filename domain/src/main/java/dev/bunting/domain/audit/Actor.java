package dev.bunting.domain.audit;

import dev.bunting.domain.Checks;

/** Who made a change. Until sign-in exists every change is made by {@link #ANONYMOUS}. */
public record Actor(String id) {

    public static final Actor ANONYMOUS = new Actor("anonymous");

    public Actor {
        Checks.requireText("actor", id, 200);
    }
}
