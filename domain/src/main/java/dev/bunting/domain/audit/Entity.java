package dev.bunting.domain.audit;

import dev.bunting.domain.Checks;

/** What a change was made to: a type ({@code flag}, {@code environment}, {@code user}, {@code key}, {@code experiment}) and its key or id. */
public record Entity(String type, String id) {

    public static final String FLAG = "flag";
    public static final String ENVIRONMENT = "environment";
    public static final String USER = "user";
    public static final String KEY = "key";
    public static final String EXPERIMENT = "experiment";

    public Entity {
        Checks.requireText("entity.type", type, 40);
        Checks.requireText("entity.id", id, 200);
    }

    public static Entity flag(Object key) {
        return new Entity(FLAG, key.toString());
    }

    public static Entity environment(Object key) {
        return new Entity(ENVIRONMENT, key.toString());
    }

    public static Entity user(Object id) {
        return new Entity(USER, id.toString());
    }

    public static Entity key(Object id) {
        return new Entity(KEY, id.toString());
    }

    public static Entity experiment(Object key) {
        return new Entity(EXPERIMENT, key.toString());
    }

    @Override
    public String toString() {
        return type + ":" + id;
    }
}
