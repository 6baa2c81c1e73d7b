package dev.bunting.domain.audit;

import dev.bunting.domain.Checks;
import java.util.Locale;

/**
 * Who made a change: a signed-in user (id and email), an API key (id and name), or the operator or process that acted
 * outside the API (bootstrap, the make-admin command), named by what it is.
 */
public record Actor(Kind kind, String id, String name) {

    public enum Kind {
        USER,
        API_KEY,
        SYSTEM;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromWireName(String name) {
            for (Kind kind : values()) {
                if (kind.wireName().equals(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no actor kind '" + name + "'");
        }
    }

    public Actor {
        Checks.requirePresent("actor.kind", kind);
        Checks.requireText("actor.id", id, 200);
        Checks.requireText("actor.name", name, 320);
    }

    public static Actor user(String id, String email) {
        return new Actor(Kind.USER, id, email);
    }

    public static Actor apiKey(String id, String name) {
        return new Actor(Kind.API_KEY, id, name);
    }

    public static Actor system(String name) {
        return new Actor(Kind.SYSTEM, name, name);
    }
}
