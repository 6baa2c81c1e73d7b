package dev.bunting.local;

import dev.bunting.adapter.embedded.DataDirectoryInUseException;
import dev.bunting.application.Outcome;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.audit.Actor;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.User;
import java.util.Optional;

/**
 * {@code make-admin <email>}: promotes an existing user on this installation's database. Every way it can fail is one
 * line on standard error saying what to do, never a stack trace.
 */
final class MakeAdmin {

    static final String USAGE = "usage: make-admin <email>";

    private MakeAdmin() {}

    /** @return the process exit status */
    static int run(RunnerSettings settings, String[] args) {
        if (args.length != 2 || !args[0].equals("make-admin")) {
            System.err.println(USAGE);
            return 2;
        }
        Email email;
        try {
            email = new Email(args[1]);
        } catch (InvalidInputException e) {
            System.err.println("make-admin: " + e.getMessage() + "; " + USAGE);
            return 2;
        }
        try (LocalDatabase database = LocalDatabase.open(settings)) {
            return promote(settings, database, email);
        } catch (DataDirectoryInUseException e) {
            System.err.println("make-admin cannot open " + e.dataDirectory()
                    + " while Bunting runs on it: stop the service and run"
                    + " make-admin again, or have an admin call PUT /auth/users/{id}/role");
            return 1;
        }
    }

    private static int promote(RunnerSettings settings, LocalDatabase database, Email email) {
        // promoting signs nobody in, so the sign-in throttle needs no Redis here
        LocalComponent component = LocalServer.component(settings, database, Optional.empty(), entry -> {});
        Outcome<User> outcome = component
                .promoteToAdmin()
                .promote(email, Actor.system("make-admin:" + System.getProperty("user.name")));
        if (outcome instanceof Outcome.Done<User> done) {
            System.out.println(done.value().email() + " is now an admin");
            return 0;
        }
        System.err.println("no user with email " + email + "; register first (POST /auth/register)");
        return 1;
    }
}
