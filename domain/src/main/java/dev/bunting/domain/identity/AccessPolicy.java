package dev.bunting.domain.identity;

/**
 * Who may do what: the role matrix. Protected environments, production by default, are changed by admins only.
 *
 * <pre>
 *              read  define/change unprotected  change protected  delete or     manage users, keys, environments
 *                    (configs and experiments)                      archive flags
 *   viewer      ✓
 *   developer   ✓             ✓
 *   admin       ✓             ✓                        ✓                ✓                    ✓
 * </pre>
 */
public final class AccessPolicy {

    private AccessPolicy() {}

    /** @param protectedEnvironment whether the environment concerned is protected; ignored by actions without one */
    public static Decision decide(Role role, Action action, boolean protectedEnvironment) {
        Role needed =
                switch (action) {
                    case READ -> Role.VIEWER;
                    case DEFINE_FLAG -> Role.DEVELOPER;
                    case CHANGE_CONFIG, MANAGE_EXPERIMENTS -> protectedEnvironment ? Role.ADMIN : Role.DEVELOPER;
                    case DELETE_FLAG, ARCHIVE_FLAG, MANAGE_USERS, MANAGE_KEYS, MANAGE_ENVIRONMENTS -> Role.ADMIN;
                };
        if (role.compareTo(needed) >= 0) {
            return new Decision.Allowed();
        }
        boolean perEnvironment = action == Action.CHANGE_CONFIG || action == Action.MANAGE_EXPERIMENTS;
        String where = perEnvironment && protectedEnvironment ? " in a protected environment" : "";
        return new Decision.Denied(
                describe(action) + where + " needs the " + needed.wireName() + " role; you are " + role.wireName());
    }

    private static String describe(Action action) {
        return switch (action) {
            case READ -> "reading";
            case DEFINE_FLAG -> "defining flags";
            case CHANGE_CONFIG -> "changing flag configs";
            case DELETE_FLAG -> "deleting flags";
            case ARCHIVE_FLAG -> "archiving or restoring flags";
            case MANAGE_EXPERIMENTS -> "managing experiments";
            case MANAGE_USERS -> "managing users";
            case MANAGE_KEYS -> "managing keys";
            case MANAGE_ENVIRONMENTS -> "managing environments";
        };
    }

    /** The policy's answer: a value, since being refused is an expected outcome, not a failure. */
    public sealed interface Decision {
        record Allowed() implements Decision {}

        record Denied(String reason) implements Decision {}

        default boolean allowed() {
            return this instanceof Allowed;
        }
    }
}
