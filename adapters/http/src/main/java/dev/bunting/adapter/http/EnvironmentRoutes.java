package dev.bunting.adapter.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bunting.application.environment.CreateEnvironment;
import dev.bunting.application.environment.DeleteEnvironment;
import dev.bunting.application.environment.GetEnvironment;
import dev.bunting.application.environment.ListEnvironments;
import dev.bunting.application.environment.UpdateEnvironment;
import dev.bunting.domain.environment.EnvironmentKey;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Environments: create, list, read, change settings, delete. */
final class EnvironmentRoutes implements RouteGroup {

    private final CreateEnvironment createEnvironment;
    private final ListEnvironments listEnvironments;
    private final GetEnvironment getEnvironment;
    private final DeleteEnvironment deleteEnvironment;
    private final UpdateEnvironment updateEnvironment;
    private final Responses responses;

    @Inject
    EnvironmentRoutes(
            CreateEnvironment createEnvironment,
            ListEnvironments listEnvironments,
            GetEnvironment getEnvironment,
            DeleteEnvironment deleteEnvironment,
            UpdateEnvironment updateEnvironment,
            Responses responses) {
        this.createEnvironment = createEnvironment;
        this.listEnvironments = listEnvironments;
        this.getEnvironment = getEnvironment;
        this.deleteEnvironment = deleteEnvironment;
        this.updateEnvironment = updateEnvironment;
        this.responses = responses;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/environments", Access.SIGNED, this::create),
                Route.of("GET", "/environments", Access.SIGNED, this::list),
                Route.of("GET", "/environments/{key}", Access.SIGNED, this::get),
                Route.of("PATCH", "/environments/{key}", Access.SIGNED, this::update),
                Route.of("DELETE", "/environments/{key}", Access.SIGNED, this::delete));
    }

    record CreateBody(
            String key,
            String name,
            @JsonProperty("protected") Boolean isProtected,
            Boolean publicEvaluation) {}

    record UpdateBody(
            String name, @JsonProperty("protected") Boolean isProtected, Boolean publicEvaluation) {}

    private ApiResponse create(Route.Call call) {
        CreateBody body = call.json().read(call.request().body(), CreateBody.class);
        if (body.key() == null) {
            throw new ProblemException(Problem.badRequest("key", "required", "key is required"));
        }
        var command = new CreateEnvironment.Command(
                call.principal(),
                new EnvironmentKey(body.key()),
                body.name(),
                Boolean.TRUE.equals(body.isProtected()),
                Optional.ofNullable(body.publicEvaluation()));
        return responses.outcome(
                createEnvironment.create(command),
                call.request().path(),
                environment -> responses.json(201, Representations.environment(environment)));
    }

    private ApiResponse list(Route.Call call) {
        return responses.outcome(
                listEnvironments.list(call.principal()),
                call.request().path(),
                environments -> responses.json(
                        200,
                        Map.of(
                                "items",
                                environments.stream()
                                        .map(Representations::environment)
                                        .toList())));
    }

    private ApiResponse get(Route.Call call) {
        return responses.outcome(
                getEnvironment.get(call.principal(), new EnvironmentKey(call.path("key"))),
                call.request().path(),
                environment -> responses.json(200, Representations.environment(environment)));
    }

    private ApiResponse update(Route.Call call) {
        UpdateBody body = call.json().read(call.request().body(), UpdateBody.class);
        var command = new UpdateEnvironment.Command(
                call.principal(),
                new EnvironmentKey(call.path("key")),
                Optional.ofNullable(body.name()),
                Optional.ofNullable(body.isProtected()),
                Optional.ofNullable(body.publicEvaluation()));
        return responses.outcome(
                updateEnvironment.update(command),
                call.request().path(),
                environment -> responses.json(200, Representations.environment(environment)));
    }

    private ApiResponse delete(Route.Call call) {
        var command = new DeleteEnvironment.Command(call.principal(), new EnvironmentKey(call.path("key")));
        return responses.outcome(
                deleteEnvironment.delete(command), call.request().path(), environment -> responses.noContent());
    }
}
