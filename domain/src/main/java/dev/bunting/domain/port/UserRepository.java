package dev.bunting.domain.port;

import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The people who sign in. Emails are unique, and so are their {@linkplain Email#skeleton() skeletons}: no two look alike. */
public interface UserRepository {

    Optional<User> find(UserId id);

    Optional<User> findByEmail(Email email);

    /** @return false when the id or the email is taken, or an address that looks like it (the same skeleton) */
    boolean insert(User user);

    /** Replaces the stored user with this id (role, password hash, credentials change). @return false when there is none */
    boolean update(User user);

    /** Every user, by email. */
    List<User> list();

    /**
     * Every admin, held until the unit of work ends so that no other one can take the role from any of them meanwhile.
     * A unit of work that takes the admin role away reads this first: two of them at once then cannot each see the
     * other's admin as the one left, and leave none.
     */
    List<User> lockAdmins();

    long count();

    /** Refuses a token from now on, until it would have expired anyway (signing out). */
    void revokeToken(String tokenId, Instant expiresAt);

    boolean isTokenRevoked(String tokenId);
}
