package dev.bunting.application.identity;

import dev.bunting.application.Outcome;
import dev.bunting.domain.identity.AccessPolicy;
import dev.bunting.domain.identity.Action;
import java.util.Optional;

/** Applies the domain's access policy in use cases: the refusal as an outcome, or nothing when allowed. */
public final class Permissions {

    private Permissions() {}

    public static <T> Optional<Outcome<T>> refusal(Principal principal, Action action, boolean protectedEnvironment) {
        return AccessPolicy.decide(principal.role(), action, protectedEnvironment)
                        instanceof AccessPolicy.Decision.Denied denied
                ? Optional.of(new Outcome.Forbidden<>(denied.reason()))
                : Optional.empty();
    }

    public static <T> Optional<Outcome<T>> refusal(Principal principal, Action action) {
        return refusal(principal, action, false);
    }
}
