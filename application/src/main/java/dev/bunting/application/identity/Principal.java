package dev.bunting.application.identity;

import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;

/** Whom an authenticated request speaks for: a signed-in user, or a server holding an API key. */
public sealed interface Principal {

    Role role();

    /** How this principal appears in the audit trail. */
    Actor actor();

    record SignedIn(UserId user, Email email, Role role) implements Principal {
        @Override
        public Actor actor() {
            return Actor.user(user.value(), email.value());
        }
    }

    /** A management API key, acting with the role it was created with. */
    record ApiKey(String keyId, String name, Role role) implements Principal {
        @Override
        public Actor actor() {
            return Actor.apiKey(keyId, name);
        }
    }
}
