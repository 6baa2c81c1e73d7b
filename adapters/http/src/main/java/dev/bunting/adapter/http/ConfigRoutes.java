package dev.bunting.adapter.http;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.ConfigChange;
import dev.bunting.application.flag.GetFlagConfig;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.FlagConfig;
import dev.bunting.domain.flag.FlagDocuments;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.VariantKey;
import dev.bunting.domain.port.IdGenerator;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** A flag's config in one environment: read, replace, toggle, roll out, target individual units. */
final class ConfigRoutes implements RouteGroup {

    private static final String CONFIG = "/flags/{key}/environments/{env}";

    private final GetFlagConfig getConfig;
    private final ChangeFlagConfig changeConfig;
    private final IdGenerator ids;
    private final Responses responses;

    @Inject
    ConfigRoutes(GetFlagConfig getConfig, ChangeFlagConfig changeConfig, IdGenerator ids, Responses responses) {
        this.getConfig = getConfig;
        this.changeConfig = changeConfig;
        this.ids = ids;
        this.responses = responses;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("GET", CONFIG, Access.SIGNED, this::get),
                Route.of("PUT", CONFIG, Access.SIGNED, this::replace),
                Route.of("PATCH", CONFIG + "/toggle", Access.SIGNED, this::toggle),
                Route.of("PATCH", CONFIG + "/rollout", Access.SIGNED, this::rollout),
                Route.of("POST", CONFIG + "/targets", Access.SIGNED, this::addTarget),
                Route.of("DELETE", CONFIG + "/targets/{variant}/{unit}", Access.SIGNED, this::removeTarget));
    }

    record ToggleBody(Boolean enabled, Long version) {}

    record RolloutBody(BigDecimal percentage, Long version) {}

    record TargetBody(
            String variant,
            @JsonAlias({"user_id", "unit_id"}) String unit,
            Long version) {}

    private ApiResponse get(Route.Call call) {
        return responses.outcome(
                getConfig.get(call.principal(), flag(call), environment(call)),
                call.request().path(),
                config -> responses.json(200, Representations.config(config), config.version()));
    }

    private ApiResponse replace(Route.Call call) {
        Map<String, Object> body =
                new HashMap<>(call.json().readObject(call.request().body()));
        long version = Versions.required(call.request(), body.get("version"));
        dropReadOnlyField(body, "flag", call.path("key"));
        dropReadOnlyField(body, "environment", call.path("env"));
        body.remove("updated_at");
        FlagConfig config = FlagDocuments.readConfig(body, ids::newId);
        return change(call, OptionalLong.of(version), new ConfigChange.Replace(config));
    }

    private ApiResponse toggle(Route.Call call) {
        ToggleBody body = call.request().body().length == 0
                ? new ToggleBody(null, null)
                : call.json().read(call.request().body(), ToggleBody.class);
        return change(call, Versions.named(call.request(), body.version()), new ConfigChange.Toggle(body.enabled()));
    }

    private ApiResponse rollout(Route.Call call) {
        RolloutBody body = call.json().read(call.request().body(), RolloutBody.class);
        if (body.percentage() == null) {
            throw new ProblemException(Problem.badRequest("percentage", "required", "percentage is required"));
        }
        return change(
                call, Versions.named(call.request(), body.version()), new ConfigChange.Rollout(body.percentage()));
    }

    private ApiResponse addTarget(Route.Call call) {
        TargetBody body = call.json().read(call.request().body(), TargetBody.class);
        if (body.unit() == null || body.unit().isBlank()) {
            throw new ProblemException(
                    Problem.badRequest("unit", "required", "unit (the targeting key to target) is required"));
        }
        if (body.unit().length() > 256) {
            throw new ProblemException(Problem.badRequest("unit", "too_long", "unit must be at most 256 characters"));
        }
        VariantKey variant = variant("variant", body.variant());
        return change(
                call, Versions.named(call.request(), body.version()), new ConfigChange.AddTarget(variant, body.unit()));
    }

    private ApiResponse removeTarget(Route.Call call) {
        VariantKey variant = variant("variant", call.path("variant"));
        return change(
                call,
                Versions.named(call.request(), (Object) null),
                new ConfigChange.RemoveTarget(variant, call.path("unit")));
    }

    private ApiResponse change(Route.Call call, OptionalLong version, ConfigChange change) {
        var command = new ChangeFlagConfig.Command(call.principal(), flag(call), environment(call), version, change);
        return responses.outcome(
                changeConfig.change(command),
                call.request().path(),
                config -> responses.json(200, Representations.config(config), config.version()));
    }

    private static FlagKey flag(Route.Call call) {
        return new FlagKey(call.path("key"));
    }

    private static EnvironmentKey environment(Route.Call call) {
        try {
            return new EnvironmentKey(call.path("env"));
        } catch (InvalidInputException e) {
            throw InvalidInputException.of(
                    "environment",
                    e.violations().getFirst().code(),
                    e.violations().getFirst().message().replace("key", "environment"));
        }
    }

    private static VariantKey variant(String field, String value) {
        if (value == null) {
            throw new ProblemException(Problem.badRequest(field, "required", field + " is required"));
        }
        try {
            return new VariantKey(value);
        } catch (InvalidInputException e) {
            throw InvalidInputException.of(
                    field,
                    e.violations().getFirst().code(),
                    e.violations().getFirst().message());
        }
    }

    private static void dropReadOnlyField(Map<String, Object> body, String field, String expected) {
        Object value = body.remove(field);
        if (value != null && !expected.equals(value)) {
            throw new ProblemException(
                    Problem.badRequest(field, "immutable", field + " is given by the path and cannot differ from it"));
        }
    }
}
