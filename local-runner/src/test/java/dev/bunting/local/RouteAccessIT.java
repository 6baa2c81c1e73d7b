package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.bunting.adapter.dashboard.Dashboard;
import dev.bunting.composition.SignInLimits;
import dev.bunting.domain.identity.Role;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route the router serves, called over HTTP by every kind of caller: anonymous gets 401 unless the route is
 * open, a role below the route's minimum gets 403 and changes nothing, the minimum role and above succeed. The routes
 * come from the router and must each have a line in {@link #access}, so a new route cannot slip through unclassified.
 * Config routes are called in staging, which is unprotected; production is {@link DeveloperOverreachIT}'s subject.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteAccessIT {

    /** Who calls, weakest first; as a route's minimum, {@code ANONYMOUS} means the route is open. */
    enum Caller {
        ANONYMOUS,
        VIEWER,
        DEVELOPER,
        ADMIN;

        /** The role of a signed-in caller; the anonymous one has none. */
        Role role() {
            return Role.valueOf(name());
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Caller OPEN = Caller.ANONYMOUS;
    private static final Caller VIEWER = Caller.VIEWER;
    private static final Caller DEVELOPER = Caller.DEVELOPER;
    private static final Caller ADMIN = Caller.ADMIN;
    private static final String CONFIG = "/flags/checkout/environments/staging";
    private static final String PASSWORD = TestServer.PASSWORD;

    private TestServer server;
    private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    private int ownAccounts;
    private int entities;

    /**
     * One line per route: the weakest caller allowed, and a request that such a caller can make successfully. The
     * request is prepared, as the admin, just before each call, so each caller gets its own entities to change.
     */
    private final Map<String, Access> access = table(
            line("GET /", OPEN, caller -> to("/")),
            line("GET /health", OPEN, caller -> to("/health")),
            line("GET /openapi.json", OPEN, caller -> to("/openapi.json")),
            line("GET /docs", OPEN, caller -> to("/docs")),
            line("GET /ui/{version}/{file}", OPEN, caller -> to("/ui/" + new Dashboard().version() + "/app.js")),
            line("GET /evaluate/{key}", OPEN, caller -> to("/evaluate/checkout?environment_key=staging&user_id=alice")),
            line(
                    "POST /evaluate/{key}",
                    OPEN,
                    caller -> to(
                            "/evaluate/checkout",
                            "{\"environment\":\"staging\",\"context\":{\"targetingKey\":\"alice\"}}")),
            line(
                    "POST /evaluate",
                    OPEN,
                    caller ->
                            to("/evaluate", "{\"environment\":\"staging\",\"context\":{\"targetingKey\":\"alice\"}}")),
            line(
                    "POST /ofrep/v1/evaluate/flags/{key}",
                    OPEN,
                    caller -> to(
                            "/ofrep/v1/evaluate/flags/checkout?environment=staging",
                            "{\"context\":{\"targetingKey\":\"alice\"}}")),
            line(
                    "POST /ofrep/v1/evaluate/flags",
                    OPEN,
                    caller -> to(
                            "/ofrep/v1/evaluate/flags?environment=staging",
                            "{\"context\":{\"targetingKey\":\"alice\"}}")),
            line("GET /sdk/flags", OPEN, caller -> to("/sdk/flags?environment=staging")),
            line("GET /sdk/stream", OPEN, caller -> to("/sdk/stream?environment=staging")),
            line("POST /flags", DEVELOPER, caller -> to("/flags", "{\"key\":\"created-by-" + caller + "\"}")),
            line("GET /flags", VIEWER, caller -> to("/flags")),
            line("GET /flags/{key}", VIEWER, caller -> to("/flags/checkout")),
            line(
                    "PUT /flags/{key}",
                    DEVELOPER,
                    caller -> to("/flags/" + flag("renamed-" + caller), "{\"name\":\"Renamed\",\"version\":1}")),
            line("DELETE /flags/{key}", ADMIN, caller -> to("/flags/" + flag("deleted-" + caller))),
            line(
                    "POST /flags/{key}/archive",
                    ADMIN,
                    caller -> to("/flags/" + flag("archived-" + caller) + "/archive", "")),
            line(
                    "POST /flags/{key}/restore",
                    ADMIN,
                    caller -> to("/flags/" + archivedFlag("restored-" + caller) + "/restore", "")),
            line("GET /flags/{key}/environments/{env}", VIEWER, caller -> to(CONFIG)),
            line("PUT /flags/{key}/environments/{env}", DEVELOPER, caller -> configAsRead(flag("replaced-" + caller))),
            line(
                    "PATCH /flags/{key}/environments/{env}/toggle",
                    DEVELOPER,
                    caller -> to(CONFIG + "/toggle", "{\"enabled\":true}")),
            line(
                    "PATCH /flags/{key}/environments/{env}/rollout",
                    DEVELOPER,
                    caller -> to(CONFIG + "/rollout", "{\"percentage\":25}")),
            line(
                    "POST /flags/{key}/environments/{env}/targets",
                    DEVELOPER,
                    caller -> to(CONFIG + "/targets", "{\"variant\":\"true\",\"unit\":\"added-" + caller + "\"}")),
            line(
                    "DELETE /flags/{key}/environments/{env}/targets/{variant}/{unit}",
                    DEVELOPER,
                    caller -> to(CONFIG + "/targets/true/" + target("removed-" + caller))),
            line("POST /environments", ADMIN, caller -> to("/environments", "{\"key\":\"created-by-" + caller + "\"}")),
            line("GET /environments", VIEWER, caller -> to("/environments")),
            line("GET /environments/{key}", VIEWER, caller -> to("/environments/staging")),
            line(
                    "PATCH /environments/{key}",
                    ADMIN,
                    caller -> to("/environments/" + environment("patched-" + caller), "{\"public_evaluation\":false}")),
            line(
                    "DELETE /environments/{key}",
                    ADMIN,
                    caller -> to("/environments/" + environment("deleted-" + caller))),
            line(
                    "POST /keys",
                    ADMIN,
                    caller ->
                            to("/keys", "{\"name\":\"made by " + caller + "\",\"kind\":\"api\",\"role\":\"viewer\"}")),
            line("GET /keys", ADMIN, caller -> to("/keys")),
            line("GET /audit", VIEWER, caller -> to("/audit?action=flag.created&limit=5")),
            line("GET /audit/flag/{key}", VIEWER, caller -> to("/audit/flag/checkout")),
            line("GET /flags/{key}/audit", VIEWER, caller -> to("/flags/checkout/audit?environment=staging")),
            line(
                    "GET /flags/{key}/evaluations",
                    VIEWER,
                    caller -> to("/flags/checkout/evaluations?environment=staging")),
            line("DELETE /keys/{id}", ADMIN, caller -> to("/keys/" + key("revoked-" + caller))),
            line(
                    "POST /auth/register",
                    OPEN,
                    caller -> to(
                            "/auth/register",
                            TestServer.credentials("registered-" + caller + "@example.com", PASSWORD))),
            line(
                    "POST /auth/login",
                    OPEN,
                    caller -> to("/auth/login", TestServer.credentials(TestServer.ADMIN, PASSWORD))),
            line("GET /auth/me", VIEWER, caller -> to("/auth/me")),
            line("POST /auth/logout", VIEWER, caller -> to("/auth/logout").fromOwnAccount()),
            line(
                    "PUT /auth/me/password",
                    VIEWER,
                    caller -> to(
                                    "/auth/me/password",
                                    "{\"current_password\":\"" + PASSWORD
                                            + "\",\"new_password\":\"an entirely different passphrase\"}")
                            .fromOwnAccount()),
            line("GET /auth/users", ADMIN, caller -> to("/auth/users")),
            line(
                    "PUT /auth/users/{id}/role",
                    ADMIN,
                    caller -> to("/auth/users/" + user("promoted-" + caller) + "/role", "{\"role\":\"developer\"}")),
            line(
                    "POST /experiments",
                    DEVELOPER,
                    caller -> to("/experiments", draftBody(unique("drafted-" + caller), "checkout"))),
            line("GET /experiments", VIEWER, caller -> to("/experiments")),
            line("GET /experiments/{key}", VIEWER, caller -> to("/experiments/" + experiment("read-" + caller, false))),
            line(
                    "PUT /experiments/{key}",
                    DEVELOPER,
                    caller -> to(
                            "/experiments/" + experiment("edited-" + caller, false),
                            "{\"name\":\"Renamed\",\"control\":\"false\",\"version\":1}")),
            line(
                    "DELETE /experiments/{key}",
                    DEVELOPER,
                    caller -> to("/experiments/" + experiment("deleted-" + caller, false))),
            line(
                    "POST /experiments/{key}/start",
                    DEVELOPER,
                    caller -> to("/experiments/" + experiment("started-" + caller, false) + "/start", "")),
            line(
                    "POST /experiments/{key}/stop",
                    DEVELOPER,
                    caller -> to(
                            "/experiments/" + experiment("stopped-" + caller, true) + "/stop",
                            "{\"decision\":{\"outcome\":\"roll_back\"}}")),
            line(
                    "POST /experiments/{key}/archive",
                    DEVELOPER,
                    caller -> to("/experiments/" + experiment("archived-" + caller, false) + "/archive", "")),
            line(
                    "GET /experiments/{key}/results",
                    VIEWER,
                    caller -> to("/experiments/" + experiment("measured-" + caller, true) + "/results")),
            line(
                    "GET /experiments/{key}/exposures",
                    VIEWER,
                    caller -> to("/experiments/" + experiment("exposed-" + caller, true) + "/exposures")),
            line(
                    "POST /stats/analyze",
                    VIEWER,
                    caller -> to(
                            "/stats/analyze",
                            "{\"metric_type\":\"binomial\",\"variants\":[{\"key\":\"a\",\"n\":100,\"sum\":10},"
                                    + "{\"key\":\"b\",\"n\":100,\"sum\":12}]}")),
            line("POST /events", OPEN, caller -> to("/events", "{\"environment\":\"staging\",\"events\":[]}")));

    @BeforeAll
    void start() {
        // every caller registers accounts from 127.0.0.1, more than the standard ten registrations an address may make
        server = TestServer.start(new SignInLimits(1_000, Duration.ofMinutes(15)));
        server.asAdmin("POST", "/flags", "{\"key\":\"checkout\"}");
        tokens.put(VIEWER, server.account("viewer@example.com", Role.VIEWER).token());
        tokens.put(
                DEVELOPER,
                server.account("developer@example.com", Role.DEVELOPER).token());
        tokens.put(ADMIN, server.signIn(TestServer.ADMIN));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void the_table_has_a_line_for_every_route_the_router_serves_and_for_no_other() {
        Set<String> routed = new TreeSet<>(server.routeSignatures());
        Set<String> unclassified = new TreeSet<>(routed);
        unclassified.removeAll(access.keySet());
        Set<String> stale = new TreeSet<>(access.keySet());
        stale.removeAll(routed);

        assertThat(unclassified)
                .as("routes the router serves but the access table does not list; add a line each, "
                        + "saying the weakest caller allowed and a request that caller can make")
                .isEmpty();
        assertThat(stale)
                .as("lines of the access table for routes the router no longer serves; remove them")
                .isEmpty();
    }

    @TestFactory
    Stream<DynamicContainer> every_route_refuses_callers_below_its_minimum_and_serves_the_rest() {
        return server.routeSignatures().stream()
                .map(signature -> DynamicContainer.dynamicContainer(
                        signature,
                        Arrays.stream(Caller.values())
                                .map(caller ->
                                        DynamicTest.dynamicTest(caller.toString(), () -> check(signature, caller)))));
    }

    @TestFactory
    Stream<DynamicTest> an_sdk_key_is_refused_on_every_route_that_is_not_open_and_changes_nothing() {
        String sdkKey = server.asAdmin(
                        "POST", "/keys", "{\"name\":\"web\",\"kind\":\"sdk\",\"environment\":\"staging\"}")
                .text("key");
        // its first use records when it was used; later ones within the minute change nothing
        server.send("GET", "/evaluate/checkout?environment_key=staging&user_id=alice", null, sdkKey)
                .isSuccess();
        return server.routeSignatures().stream()
                .filter(signature -> access.get(signature).minimum() != OPEN)
                .map(signature -> DynamicTest.dynamicTest(signature, () -> {
                    String method = signature.substring(0, signature.indexOf(' '));
                    Request request = access.get(signature).sample().apply(Caller.ADMIN);
                    String before = server.storeContents();

                    TestServer.Reply reply = server.send(method, request.path(), request.body(), sdkKey);

                    assertThat(reply.status())
                            .as("%s with an SDK key: %s", signature, reply.body())
                            .isEqualTo(403);
                    reply.isProblem(403);
                    assertThat(server.storeContents())
                            .as("the store after %s was refused to an SDK key", signature)
                            .isEqualTo(before);
                }));
    }

    private void check(String signature, Caller caller) {
        Access line = access.get(signature);
        if (line == null) {
            fail(signature
                    + " is routed but has no line in the access table: add one saying the weakest caller allowed");
        }
        String method = signature.substring(0, signature.indexOf(' '));
        Request request = line.sample().apply(caller);
        String token = caller == Caller.ANONYMOUS
                ? null
                : request.ownAccount()
                        ? server.account("own-" + caller + "-" + ++ownAccounts + "@example.com", caller.role())
                                .token()
                        : tokens.get(caller);
        String before = server.storeContents();

        TestServer.Reply reply = server.send(method, request.path(), request.body(), token);

        if (caller.compareTo(line.minimum()) >= 0) {
            assertThat(reply.status())
                    .as("%s as %s: %s", signature, caller, reply.body())
                    .isBetween(200, 299);
            return;
        }
        int refusal = caller == Caller.ANONYMOUS ? 401 : 403;
        assertThat(reply.status())
                .as("%s as %s: %s", signature, caller, reply.body())
                .isEqualTo(refusal);
        reply.isProblem(refusal);
        if (refusal == 403) {
            assertThat(reply.text("type")).isEqualTo("https://bunting.dev/problems/forbidden");
        }
        assertThat(server.storeContents())
                .as("the store after %s was refused to %s", signature, caller)
                .isEqualTo(before);
    }

    /** The weakest caller allowed on a route, and how to make a request that caller can make successfully. */
    private record Access(Caller minimum, Function<Caller, Request> sample) {}

    /**
     * A path (with query string) and body. With {@code ownAccount} it is sent from a fresh account of the caller's
     * role, since it ends the sessions of the account that sends it.
     */
    private record Request(String path, String body, boolean ownAccount) {
        Request fromOwnAccount() {
            return new Request(path, body, true);
        }
    }

    private static Map.Entry<String, Access> line(String signature, Caller minimum, Function<Caller, Request> sample) {
        return Map.entry(signature, new Access(minimum, sample));
    }

    @SafeVarargs
    private static Map<String, Access> table(Map.Entry<String, Access>... lines) {
        Map<String, Access> table = new LinkedHashMap<>();
        for (Map.Entry<String, Access> line : lines) {
            if (table.put(line.getKey(), line.getValue()) != null) {
                throw new IllegalStateException("two lines for " + line.getKey());
            }
        }
        return table;
    }

    /** A request without a body; the method comes from the route. */
    private static Request to(String path) {
        return new Request(path, null, false);
    }

    private static Request to(String path, String body) {
        return new Request(path, body, false);
    }

    /** Entities made for a request are numbered, so each request, in whichever test, gets its own. */
    private String unique(String name) {
        return name + "-" + ++entities;
    }

    /**
     * A draft experiment on a flag of its own, split evenly and on in staging (so it can start); started too when
     * {@code running}.
     */
    private String experiment(String key, boolean running) {
        String flag = flag("experimented-" + key);
        server.asAdmin("PATCH", "/flags/" + flag + "/environments/staging/rollout", "{\"percentage\":50}");
        server.asAdmin("PATCH", "/flags/" + flag + "/environments/staging/toggle", "{\"enabled\":true}");
        String unique = unique(key);
        server.asAdmin("POST", "/experiments", draftBody(unique, flag));
        if (running) {
            server.asAdmin("POST", "/experiments/" + unique + "/start", null);
        }
        return unique;
    }

    private static String draftBody(String key, String flag) {
        return "{\"key\":\"" + key + "\",\"name\":\"Test\",\"flag\":\"" + flag
                + "\",\"environment\":\"staging\",\"control\":\"false\","
                + "\"metrics\":[{\"key\":\"m\",\"event\":\"e\",\"type\":\"binomial\"}]}";
    }

    private String flag(String key) {
        String unique = unique(key);
        server.asAdmin("POST", "/flags", "{\"key\":\"" + unique + "\"}");
        return unique;
    }

    private String archivedFlag(String key) {
        String unique = flag(key);
        server.asAdmin("POST", "/flags/" + unique + "/archive", null);
        return unique;
    }

    private String environment(String key) {
        String unique = unique(key);
        server.asAdmin("POST", "/environments", "{\"key\":\"" + unique + "\"}");
        return unique;
    }

    /** Adds a target for {@code unit} to checkout's variant true in staging. */
    private String target(String unit) {
        server.asAdmin("POST", CONFIG + "/targets", "{\"variant\":\"true\",\"unit\":\"" + unit + "\"}");
        return unit;
    }

    private String key(String name) {
        return server.asAdmin(
                        "POST", "/keys", "{\"name\":\"" + name + "\",\"kind\":\"sdk\",\"environment\":\"staging\"}")
                .text("id");
    }

    private String user(String name) {
        return server.send(
                        "POST", "/auth/register", TestServer.credentials(unique(name) + "@example.com", PASSWORD), null)
                .isSuccess()
                .text("id");
    }

    /** The flag's staging config as read, to be put back whole. */
    private Request configAsRead(String flag) {
        String path = "/flags/" + flag + "/environments/staging";
        return to(path, server.asAdmin("GET", path, null).body());
    }
}
