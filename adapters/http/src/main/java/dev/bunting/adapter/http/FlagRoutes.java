package dev.bunting.adapter.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.bunting.application.flag.ArchiveFlag;
import dev.bunting.application.flag.CreateFlag;
import dev.bunting.application.flag.DeleteFlag;
import dev.bunting.application.flag.GetFlag;
import dev.bunting.application.flag.ListFlags;
import dev.bunting.application.flag.RestoreFlag;
import dev.bunting.application.flag.UpdateFlag;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagDocuments;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.Variant;
import dev.bunting.domain.port.FlagQuery;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Flag definitions: create, list, read, replace, archive, restore, delete. */
final class FlagRoutes implements RouteGroup {

    private final CreateFlag createFlag;
    private final UpdateFlag updateFlag;
    private final DeleteFlag deleteFlag;
    private final ArchiveFlag archiveFlag;
    private final RestoreFlag restoreFlag;
    private final GetFlag getFlag;
    private final ListFlags listFlags;
    private final Responses responses;

    @Inject
    FlagRoutes(
            CreateFlag createFlag,
            UpdateFlag updateFlag,
            DeleteFlag deleteFlag,
            ArchiveFlag archiveFlag,
            RestoreFlag restoreFlag,
            GetFlag getFlag,
            ListFlags listFlags,
            Responses responses) {
        this.createFlag = createFlag;
        this.updateFlag = updateFlag;
        this.deleteFlag = deleteFlag;
        this.archiveFlag = archiveFlag;
        this.restoreFlag = restoreFlag;
        this.getFlag = getFlag;
        this.listFlags = listFlags;
        this.responses = responses;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/flags", Access.SIGNED, this::create),
                Route.of("GET", "/flags", Access.SIGNED, this::list).accepting("limit", "offset", "tag", "q", "state"),
                Route.of("GET", "/flags/{key}", Access.SIGNED, this::get),
                Route.of("PUT", "/flags/{key}", Access.SIGNED, this::update),
                Route.of("DELETE", "/flags/{key}", Access.SIGNED, this::delete),
                Route.of("POST", "/flags/{key}/archive", Access.SIGNED, this::archive),
                Route.of("POST", "/flags/{key}/restore", Access.SIGNED, this::restore));
    }

    record CreateBody(
            String key,
            String name,
            String description,
            @JsonSetter(contentNulls = Nulls.FAIL) List<String> tags,
            String kind,
            List<Object> variants,
            String salt,
            String bucketBy) {}

    /** Read-only fields of a flag as GOT are accepted and ignored, so a client can PUT back what it read. */
    @JsonIgnoreProperties({"created_at", "updated_at", "archived_at", "environments"})
    record UpdateBody(
            String key,
            String name,
            String description,
            @JsonSetter(contentNulls = Nulls.FAIL) List<String> tags,
            String kind,
            List<Object> variants,
            String salt,
            String bucketBy,
            Long version) {}

    /** Archiving and restoring take no input but, optionally, the version read (or If-Match). */
    record StateChangeBody(Long version) {}

    private ApiResponse create(Route.Call call) {
        CreateBody body = call.json().read(call.request().body(), CreateBody.class);
        if (body.key() == null) {
            throw new ProblemException(Problem.badRequest("key", "required", "key is required"));
        }
        FlagKey key = new FlagKey(body.key());
        FlagKind kind = body.kind() == null ? null : FlagKind.fromWireName("kind", body.kind());
        var command = new CreateFlag.Command(
                call.principal(),
                key,
                body.name(),
                body.description(),
                body.tags(),
                kind,
                variants(body.variants()),
                body.salt(),
                body.bucketBy());
        return responses.outcome(createFlag.create(command), call.request().path(), flag -> {
            ApiResponse created = responses.json(201, Representations.flag(flag), flag.version());
            Map<String, String> headers = new LinkedHashMap<>(created.headers());
            headers.put("Location", "/flags/" + flag.key());
            return new ApiResponse(201, headers, created.body());
        });
    }

    private ApiResponse list(Route.Call call) {
        ApiRequest request = call.request();
        int limit = QueryParameters.integer(request, "limit", 50);
        int offset = QueryParameters.integer(request, "offset", 0);
        FlagQuery query = new FlagQuery(
                request.queryParameter("tag").orElse(null),
                request.queryParameter("q").orElse(null),
                request.queryParameter("state")
                        .map(state -> FlagQuery.State.fromWireName("state", state))
                        .orElse(FlagQuery.State.ACTIVE),
                limit,
                offset);
        return responses.outcome(listFlags.list(call.principal(), query), request.path(), page -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", page.items().stream().map(Representations::flag).toList());
            body.put("total", page.total());
            body.put("limit", limit);
            body.put("offset", offset);
            return responses.json(200, body);
        });
    }

    private ApiResponse get(Route.Call call) {
        FlagKey key = new FlagKey(call.path("key"));
        return responses.outcome(
                getFlag.get(call.principal(), key),
                call.request().path(),
                view -> responses.json(
                        200, Representations.flagWithConfigs(view), view.flag().version()));
    }

    private ApiResponse update(Route.Call call) {
        FlagKey key = new FlagKey(call.path("key"));
        UpdateBody body = call.json().read(call.request().body(), UpdateBody.class);
        if (body.key() != null && !body.key().equals(key.value())) {
            throw new ProblemException(Problem.badRequest("key", "immutable", "a flag's key cannot change"));
        }
        long version = Versions.required(call.request(), body.version());
        FlagKind kind = body.kind() == null ? null : FlagKind.fromWireName("kind", body.kind());
        var command = new UpdateFlag.Command(
                call.principal(),
                key,
                version,
                body.name(),
                body.description(),
                body.tags(),
                kind,
                variants(body.variants()),
                body.salt(),
                body.bucketBy());
        return responses.outcome(
                updateFlag.update(command),
                call.request().path(),
                flag -> responses.json(200, Representations.flag(flag), flag.version()));
    }

    private ApiResponse delete(Route.Call call) {
        FlagKey key = new FlagKey(call.path("key"));
        var command = new DeleteFlag.Command(call.principal(), key, Versions.named(call.request(), (Object) null));
        return responses.outcome(deleteFlag.delete(command), call.request().path(), flag -> responses.noContent());
    }

    private ApiResponse archive(Route.Call call) {
        var command = new ArchiveFlag.Command(call.principal(), new FlagKey(call.path("key")), version(call));
        return responses.outcome(archiveFlag.archive(command), call.request().path(), this::shown);
    }

    private ApiResponse restore(Route.Call call) {
        var command = new RestoreFlag.Command(call.principal(), new FlagKey(call.path("key")), version(call));
        return responses.outcome(restoreFlag.restore(command), call.request().path(), this::shown);
    }

    private ApiResponse shown(Flag flag) {
        return responses.json(200, Representations.flag(flag), flag.version());
    }

    private static OptionalLong version(Route.Call call) {
        byte[] raw = call.request().body();
        Long version = raw.length == 0
                ? null
                : call.json().read(raw, StateChangeBody.class).version();
        return Versions.named(call.request(), version);
    }

    private static List<Variant> variants(List<Object> variants) {
        return variants == null ? null : FlagDocuments.readVariants("variants", variants);
    }
}
