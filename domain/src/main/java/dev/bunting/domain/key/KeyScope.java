package dev.bunting.domain.key;

import dev.bunting.domain.Checks;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.identity.Role;

/**
 * What a key may do: manage through the API with a role, or evaluate flags in one environment, from a server or from
 * client code.
 */
public sealed interface KeyScope {

    /**
     * The tag that starts every secret of this scope, so a leaked secret tells what it opens; it is also the kind of
     * key that the API and the audit trail name: {@code api}, {@code sdk} or {@code client}.
     */
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

    /** A read-only key for evaluating the flags of one environment, made for one {@link Side side}. */
    record Evaluation(EnvironmentKey environment, Side side) implements KeyScope {
        public Evaluation {
            Checks.requirePresent("environment", environment);
            Checks.requirePresent("side", side);
        }

        @Override
        public String tag() {
            return side.tag;
        }
    }

    /** Where an evaluation key is held, which decides what it is shown. */
    enum Side {
        /**
         * On servers, which keep it secret: besides evaluating, it fetches the environment's flag set with every rule,
         * target and segment, for SDKs that evaluate locally ({@code bnt_sdk_…}).
         */
        SERVER("sdk"),
        /**
         * In client code (browsers, mobile apps), where anyone can read it: it evaluates and hears that the flag set
         * changed, but is never shown the rules, whose targets may name users ({@code bnt_client_…}).
         */
        CLIENT("client");

        private final String tag;

        Side(String tag) {
            this.tag = tag;
        }
    }
}
