package dev.bunting.domain.audit;

import dev.bunting.domain.Checks;

/** What a change was made to: a type ({@code flag}, {@code environment}, {@code user}, {@code key}) and its key or id. */
public record Entity(String type, String id) {

    public Entity {
        Checks.requireText("entity.type", type, 40);
        Checks.requireText("entity.id", id, 200);
    }

    public static Entity flag(Object key) {
        return new Entity("flag", key.toString());
    }

    public static Entity environment(Object key) {
        return new Entity("environment", key.toString());
    }

    public static Entity user(Object id) {
        return new Entity("user", id.toString());
    }

    public static Entity key(Object id) {
        return new Entity("key", id.toString());
    }

    @Override
    public String toString() {
        return type + ":" + id;
    }
}
