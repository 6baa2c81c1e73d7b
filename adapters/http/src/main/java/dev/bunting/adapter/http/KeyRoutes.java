package dev.bunting.adapter.http;

import dev.bunting.application.key.CreateKey;
import dev.bunting.application.key.ListKeys;
import dev.bunting.application.key.RevokeKey;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyId;
import dev.bunting.domain.key.KeyScope;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API keys and SDK keys: create (the secret is in that response only), list, revoke. Admins only, as the use cases
 * decide.
 */
final class KeyRoutes implements RouteGroup {

    private final CreateKey createKey;
    private final ListKeys listKeys;
    private final RevokeKey revokeKey;
    private final Responses responses;

    @Inject
    KeyRoutes(CreateKey createKey, ListKeys listKeys, RevokeKey revokeKey, Responses responses) {
        this.createKey = createKey;
        this.listKeys = listKeys;
        this.revokeKey = revokeKey;
        this.responses = responses;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/keys", Access.SIGNED, this::create),
                Route.of("GET", "/keys", Access.SIGNED, this::list),
                Route.of("DELETE", "/keys/{id}", Access.SIGNED, this::revoke));
    }

    /** @param kind {@code api} (needs a role), or {@code sdk} or {@code client} (need an environment) */
    record CreateBody(String name, String kind, String role, String environment) {}

    private ApiResponse create(Route.Call call) {
        CreateBody body = call.json().read(call.request().body(), CreateBody.class);
        var command = new CreateKey.Command(call.principal(), body.name(), scope(body));
        return responses.outcome(createKey.create(command), call.request().path(), created -> {
            Map<String, Object> representation = key(created.key());
            representation.put("key", created.secret().text());
            ApiResponse response = responses.json(201, representation);
            Map<String, String> headers = new LinkedHashMap<>(response.headers());
            // the secret is in this body only: no cache may keep a copy
            headers.put("Cache-Control", "no-store");
            return new ApiResponse(201, headers, response.body());
        });
    }

    private ApiResponse list(Route.Call call) {
        return responses.outcome(
                listKeys.list(call.principal()),
                call.request().path(),
                keys -> responses.json(
                        200, Map.of("items", keys.stream().map(KeyRoutes::key).toList())));
    }

    private ApiResponse revoke(Route.Call call) {
        var command = new RevokeKey.Command(call.principal(), new KeyId(call.path("id")));
        return responses.outcome(
                revokeKey.revoke(command), call.request().path(), key -> responses.json(200, key(key)));
    }

    private static KeyScope scope(CreateBody body) {
        if (body.kind() == null) {
            throw new ProblemException(Problem.badRequest("kind", "required", "kind is required: api, sdk or client"));
        }
        return switch (body.kind()) {
            case "api" -> {
                if (body.environment() != null) {
                    throw new ProblemException(Problem.badRequest(
                            "environment", "not_allowed", "an API key has a role, not an environment"));
                }
                yield new KeyScope.Management(Role.fromWireName("role", body.role()));
            }
            case "sdk" -> evaluation(body, KeyScope.Side.SERVER);
            case "client" -> evaluation(body, KeyScope.Side.CLIENT);
            default ->
                throw new ProblemException(
                        Problem.badRequest("kind", "invalid_value", "kind must be api, sdk or client"));
        };
    }

    private static KeyScope evaluation(CreateBody body, KeyScope.Side side) {
        if (body.role() != null) {
            throw new ProblemException(
                    Problem.badRequest("role", "not_allowed", "an SDK or client key has an environment, not a role"));
        }
        if (body.environment() == null) {
            throw new ProblemException(Problem.badRequest(
                    "environment", "required", "an SDK or client key needs the environment it evaluates in"));
        }
        return new KeyScope.Evaluation(new EnvironmentKey(body.environment()), side);
    }

    static Map<String, Object> key(AccessKey key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", key.id().value());
        body.put("name", key.name());
        body.put("kind", key.scope().tag());
        switch (key.scope()) {
            case KeyScope.Management management ->
                body.put("role", management.role().wireName());
            case KeyScope.Evaluation evaluation ->
                body.put("environment", evaluation.environment().value());
        }
        body.put("prefix", key.prefix());
        body.put("created_at", key.createdAt().toString());
        body.put("created_by", key.createdBy());
        body.put(
                "last_used_at",
                key.lastUsedAt() == null ? null : key.lastUsedAt().toString());
        body.put("revoked_at", key.revokedAt() == null ? null : key.revokedAt().toString());
        return body;
    }
}
