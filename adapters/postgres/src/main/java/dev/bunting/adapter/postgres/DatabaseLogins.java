package dev.bunting.adapter.postgres;

/** Whom connections sign in as, asked as each one opens: a login kept in a secrets store may rotate. */
public interface DatabaseLogins {

    /** The login to use now. */
    DatabaseLogin current();

    /**
     * The login to use after the database refused {@code refused}, which a rotation makes stale before a cache notices;
     * {@code refused} itself when there is nothing newer.
     */
    DatabaseLogin renewed(DatabaseLogin refused);

    /** One login, for good. */
    static DatabaseLogins fixed(DatabaseLogin login) {
        return new DatabaseLogins() {
            @Override
            public DatabaseLogin current() {
                return login;
            }

            @Override
            public DatabaseLogin renewed(DatabaseLogin refused) {
                return login;
            }
        };
    }
}
