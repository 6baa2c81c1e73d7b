package dev.bunting.adapter.http;

import dev.bunting.application.audit.ReadAuditTrail;
import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.audit.Entity;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.port.AuditCursor;
import dev.bunting.domain.port.AuditQuery;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trail: recent activity, and one flag's history under both paths clients use for it. Every listing takes
 * the same filters and pages by cursor.
 */
final class AuditRoutes implements RouteGroup {

    private final ReadAuditTrail readAuditTrail;
    private final Responses responses;

    private static final String[] AUDIT_FILTERS = {"actor", "action", "environment", "from", "to", "cursor", "limit"};

    @Inject
    AuditRoutes(ReadAuditTrail readAuditTrail, Responses responses) {
        this.readAuditTrail = readAuditTrail;
        this.responses = responses;
    }

    /** {@code /audit/} is served too: the router ignores a trailing slash. */
    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/audit", Access.SIGNED, call -> list(call, null))
                        .accepting(AUDIT_FILTERS),
                Route.of(
                                "GET",
                                "/audit/flag/{key}",
                                Access.SIGNED,
                                call -> list(call, Entity.flag(new FlagKey(call.path("key")))))
                        .accepting(AUDIT_FILTERS),
                Route.of(
                                "GET",
                                "/flags/{key}/audit",
                                Access.SIGNED,
                                call -> list(call, Entity.flag(new FlagKey(call.path("key")))))
                        .accepting(AUDIT_FILTERS));
    }

    private ApiResponse list(Route.Call call, Entity entity) {
        ApiRequest request = call.request();
        AuditQuery filter = new AuditQuery(
                request.queryParameter("actor").orElse(null),
                request.queryParameter("action").orElse(null),
                entity,
                environment(request),
                QueryParameters.instant(request, "from"),
                QueryParameters.instant(request, "to"),
                request.queryParameter("cursor").map(AuditCursor::parse).orElse(null),
                QueryParameters.integer(request, "limit", AuditQuery.DEFAULT_LIMIT));
        return responses.outcome(
                readAuditTrail.read(new ReadAuditTrail.Query(call.principal(), filter)), request.path(), page -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put(
                            "items",
                            page.items().stream()
                                    .map(Representations::auditRecord)
                                    .toList());
                    body.put(
                            "next_cursor",
                            page.next() == null ? null : page.next().token());
                    return responses.json(200, body);
                });
    }

    /** The environment filter, its violations named after the query parameter rather than the key's own field. */
    private static EnvironmentKey environment(ApiRequest request) {
        String text = request.queryParameter("environment").orElse(null);
        if (text == null) {
            return null;
        }
        try {
            return new EnvironmentKey(text);
        } catch (InvalidInputException e) {
            InvalidInputException.FieldViolation violation = e.violations().getFirst();
            throw InvalidInputException.of(
                    "environment", violation.code(), violation.message().replaceFirst("^key\\b", "environment"));
        }
    }
}
