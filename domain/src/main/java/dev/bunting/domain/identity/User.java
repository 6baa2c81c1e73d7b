package dev.bunting.domain.identity;

import dev.bunting.domain.Checks;
import java.time.Instant;

/**
 * Someone who signs in to manage flags.
 *
 * @param credentialsChangedAt tokens issued before this instant are no longer accepted (logout, password change)
 */
public record User(
        UserId id, Email email, PasswordHash passwordHash, Role role, Instant createdAt, Instant credentialsChangedAt) {

    public User {
        Checks.requirePresent("id", id);
        Checks.requirePresent("email", email);
        Checks.requirePresent("password_hash", passwordHash);
        Checks.requirePresent("role", role);
        Checks.requirePresent("created_at", createdAt);
        Checks.requirePresent("credentials_changed_at", credentialsChangedAt);
    }

    public User withRole(Role newRole) {
        return new User(id, email, passwordHash, newRole, createdAt, credentialsChangedAt);
    }

    public User withPasswordHash(PasswordHash newHash, Instant changedAt) {
        return new User(id, email, newHash, role, createdAt, changedAt);
    }
}
