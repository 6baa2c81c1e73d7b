package dev.bunting.adapter.postgres;

import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordHash;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.port.UserRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Users on one transaction's handle. */
final class PostgresUserRepository implements UserRepository {

    private static final String COLUMNS = "id, email, password_hash, role, created_at, credentials_changed_at";

    private final Handle handle;

    PostgresUserRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public Optional<User> find(UserId id) {
        return Guard.call(
                "find a user",
                () -> handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                        .bind("id", id.value())
                        .map((row, ctx) -> user(row))
                        .findOne());
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return Guard.call(
                "find a user",
                () -> handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE email = :email")
                        .bind("email", email.value())
                        .map((row, ctx) -> user(row))
                        .findOne());
    }

    @Override
    public boolean insert(User user) {
        return Guard.call(
                "insert a user",
                () -> handle.createUpdate("""
                INSERT INTO users (id, email, email_skeleton, password_hash, role, created_at, credentials_changed_at)
                VALUES (:id, :email, :skeleton, :hash, :role, :createdAt, :changedAt)
                ON CONFLICT DO NOTHING""")
                                .bind("id", user.id().value())
                                .bind("email", user.email().value())
                                .bind("skeleton", user.email().skeleton())
                                .bind("hash", user.passwordHash().encoded())
                                .bind("role", user.role().wireName())
                                .bind("createdAt", FlagRows.utc(user.createdAt()))
                                .bind("changedAt", FlagRows.utc(user.credentialsChangedAt()))
                                .execute()
                        == 1);
    }

    @Override
    public boolean update(User user) {
        return Guard.call(
                "update a user",
                () -> handle.createUpdate("""
                UPDATE users SET password_hash = :hash, role = :role, credentials_changed_at = :changedAt WHERE id = :id""")
                                .bind("id", user.id().value())
                                .bind("hash", user.passwordHash().encoded())
                                .bind("role", user.role().wireName())
                                .bind("changedAt", FlagRows.utc(user.credentialsChangedAt()))
                                .execute()
                        == 1);
    }

    @Override
    public List<User> list() {
        return Guard.call(
                "list users",
                () -> handle.createQuery("SELECT " + COLUMNS + " FROM users ORDER BY email")
                        .map((row, ctx) -> user(row))
                        .list());
    }

    /**
     * Locks the admins' rows in id order, so two units of work never wait on each other crosswise. One that waited
     * reads each row again once it holds it and leaves out a user who stopped being admin meanwhile (READ COMMITTED
     * rechecks the condition on the row's new version).
     */
    @Override
    public List<User> lockAdmins() {
        return Guard.call(
                "lock the admins",
                () -> handle.createQuery(
                                "SELECT " + COLUMNS + " FROM users WHERE role = 'admin' ORDER BY id FOR UPDATE")
                        .map((row, ctx) -> user(row))
                        .list());
    }

    @Override
    public long count() {
        return Guard.call(
                "count users",
                () -> handle.createQuery("SELECT count(*) FROM users")
                        .mapTo(Long.class)
                        .one());
    }

    @Override
    public void revokeToken(String tokenId, Instant expiresAt) {
        Guard.call(
                "revoke a token",
                () -> handle.createUpdate(
                                "INSERT INTO revoked_tokens (token_id, expires_at) VALUES (:id, :expiresAt) ON CONFLICT DO NOTHING")
                        .bind("id", tokenId)
                        .bind("expiresAt", FlagRows.utc(expiresAt))
                        .execute());
    }

    @Override
    public boolean isTokenRevoked(String tokenId) {
        return Guard.call(
                "check a token",
                () -> handle.createQuery("SELECT count(*) FROM revoked_tokens WHERE token_id = :id")
                                .bind("id", tokenId)
                                .mapTo(Long.class)
                                .one()
                        > 0);
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(
                new UserId(row.getString("id")),
                new Email(row.getString("email")),
                new PasswordHash(row.getString("password_hash")),
                Role.fromWireName("role", row.getString("role")),
                FlagRows.instant(row, "created_at"),
                FlagRows.instant(row, "credentials_changed_at"));
    }
}
