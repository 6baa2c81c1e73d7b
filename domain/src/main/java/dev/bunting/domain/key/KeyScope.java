package dev.bunting.domain.key;

import dev.bunting.domain.Checks;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.identity.Role;

/** What a key may do: manage through the API with a role, or evaluate flags in one environment. */
public sealed interface KeyScope {

    /** The tag that starts every secret of this scope, so a leaked secret tells what it opens. */
    String tag();

    /** A server-to-server key for the management API, acting with {@code role}. */
    record Management(Role role) implements KeyScope {
        public Management {
            Checks.requirePresent("role", role);
        }

        @Override
        public String tag() {
            return "api";
        }
    }

    /** A read-only key for evaluating the flags of one environment; safe to embed in clients. */
    record Evaluation(EnvironmentKey environment) implements KeyScope {
        public Evaluation {
            Checks.requirePresent("environment", environment);
        }

        @Override
        public String tag() {
            return "sdk";
        }
    }
}
