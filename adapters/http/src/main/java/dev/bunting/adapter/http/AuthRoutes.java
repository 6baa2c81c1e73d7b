package dev.bunting.adapter.http;

import dev.bunting.application.identity.ChangePassword;
import dev.bunting.application.identity.ChangeUserRole;
import dev.bunting.application.identity.ListUsers;
import dev.bunting.application.identity.Principal;
import dev.bunting.application.identity.RegisterUser;
import dev.bunting.application.identity.SignIn;
import dev.bunting.application.identity.SignOut;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.identity.UserId;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Accounts and sign-in: register, log in, who am I, and user administration for admins. */
final class AuthRoutes implements RouteGroup {

    private final RegisterUser registerUser;
    private final SignIn signIn;
    private final ListUsers listUsers;
    private final ChangeUserRole changeUserRole;
    private final SignOut signOut;
    private final ChangePassword changePassword;
    private final Responses responses;

    @Inject
    AuthRoutes(
            RegisterUser registerUser,
            SignIn signIn,
            ListUsers listUsers,
            ChangeUserRole changeUserRole,
            SignOut signOut,
            ChangePassword changePassword,
            Responses responses) {
        this.signOut = signOut;
        this.changePassword = changePassword;
        this.registerUser = registerUser;
        this.signIn = signIn;
        this.listUsers = listUsers;
        this.changeUserRole = changeUserRole;
        this.responses = responses;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/auth/register", Access.PUBLIC, this::register),
                Route.of("POST", "/auth/login", Access.PUBLIC, this::login),
                Route.of("GET", "/auth/me", Access.SIGNED, this::me),
                Route.of("POST", "/auth/logout", Access.SIGNED, this::logout),
                Route.of("PUT", "/auth/me/password", Access.SIGNED, this::changePassword),
                Route.of("GET", "/auth/users", Access.SIGNED, this::users),
                Route.of("PUT", "/auth/users/{id}/role", Access.SIGNED, this::changeRole));
    }

    record Credentials(String email, String password) {
        @Override
        public String toString() {
            return "Credentials[" + email + "]";
        }
    }

    record RoleBody(String role) {}

    record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[hidden]";
        }
    }

    private ApiResponse logout(Route.Call call) {
        signOut.signOut(call.userSession());
        return responses.noContent();
    }

    private ApiResponse changePassword(Route.Call call) {
        PasswordChange body = call.json().read(call.request().body(), PasswordChange.class);
        if (body.currentPassword() == null) {
            throw new ProblemException(
                    Problem.badRequest("current_password", "required", "current_password is required"));
        }
        var command = new ChangePassword.Command(
                call.userSession(),
                body.currentPassword(),
                body.newPassword(),
                call.request().sourceAddress());
        return responses.outcome(changePassword.change(command), call.request().path(), user -> responses.noContent());
    }

    private ApiResponse register(Route.Call call) {
        Credentials body = credentials(call);
        var command = new RegisterUser.Command(
                new Email(body.email()), body.password(), call.request().sourceAddress());
        // the same answer whether or not the address was free (RegisterUser says why)
        return responses.outcome(
                registerUser.register(command), call.request().path(), user -> responses.json(201, user(user)));
    }

    private ApiResponse login(Route.Call call) {
        Credentials body = credentials(call);
        var command = new SignIn.Command(
                new Email(body.email()), body.password(), call.request().sourceAddress());
        return switch (signIn.signIn(command)) {
            case SignIn.Result.SignedIn signedIn -> {
                Map<String, Object> token = new LinkedHashMap<>();
                token.put("access_token", signedIn.token().token());
                token.put("token_type", "bearer");
                token.put(
                        "expires_in",
                        Duration.between(
                                        signedIn.token().issuedAt(),
                                        signedIn.token().expiresAt())
                                .toSeconds());
                yield responses.json(200, token);
            }
            case SignIn.Result.Rejected rejected ->
                responses.problem(
                        Problem.of(ProblemType.INVALID_CREDENTIALS, "the email or the password is wrong"),
                        call.request().path());
            case SignIn.Result.Throttled throttled -> {
                long seconds = Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
                ApiResponse problem = responses.problem(
                        Problem.of(
                                ProblemType.TOO_MANY_ATTEMPTS,
                                "too many failed sign-ins for this account or address; retry in " + seconds + " s"),
                        call.request().path());
                Map<String, String> headers = new LinkedHashMap<>(problem.headers());
                headers.put("Retry-After", Long.toString(seconds));
                yield new ApiResponse(429, headers, problem.body());
            }
        };
    }

    private ApiResponse me(Route.Call call) {
        return switch (call.principal()) {
            case Principal.SignedIn user ->
                responses.json(
                        200,
                        Map.of(
                                "id",
                                user.user().value(),
                                "email",
                                user.email().value(),
                                "role",
                                user.role().wireName()));
            case Principal.ApiKey key ->
                responses.json(
                        200,
                        Map.of(
                                "key_id",
                                key.keyId(),
                                "name",
                                key.name(),
                                "role",
                                key.role().wireName()));
        };
    }

    private ApiResponse users(Route.Call call) {
        return responses.outcome(
                listUsers.list(call.principal()),
                call.request().path(),
                users -> responses.json(
                        200,
                        Map.of("items", users.stream().map(AuthRoutes::user).toList())));
    }

    private ApiResponse changeRole(Route.Call call) {
        Principal principal = call.principal();
        RoleBody body = call.json().read(call.request().body(), RoleBody.class);
        var command = new ChangeUserRole.Command(
                principal, new UserId(call.path("id")), Role.fromWireName("role", body.role()));
        return responses.outcome(
                changeUserRole.change(command), call.request().path(), user -> responses.json(200, user(user)));
    }

    private static Credentials credentials(Route.Call call) {
        Credentials body = call.json().read(call.request().body(), Credentials.class);
        if (body.email() == null) {
            throw new ProblemException(Problem.badRequest("email", "required", "email is required"));
        }
        if (body.password() == null) {
            throw new ProblemException(Problem.badRequest("password", "required", "password is required"));
        }
        return body;
    }

    private static Map<String, Object> user(User user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", user.id().value());
        body.put("email", user.email().value());
        body.put("role", user.role().wireName());
        body.put("created_at", user.createdAt().toString());
        return body;
    }
}
