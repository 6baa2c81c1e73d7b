package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bunting.adapter.argon2.Argon2Parameters;
import dev.bunting.adapter.argon2.Argon2PasswordHasher;
import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.adapter.jwt.JwtSettings;
import dev.bunting.adapter.jwt.JwtTokenIssuer;
import dev.bunting.adapter.jwt.JwtTokenVerifier;
import dev.bunting.adapter.memory.CaffeineKeyCache;
import dev.bunting.adapter.memory.InMemoryMeasurements;
import dev.bunting.adapter.memory.InMemoryStore;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.adapter.memory.InProcessSignInThrottle;
import dev.bunting.adapter.memory.RandomIdGenerator;
import dev.bunting.adapter.memory.SecureRandomSecretGenerator;
import dev.bunting.adapter.memory.SimplePasswordStrength;
import dev.bunting.adapter.statistics.CommonsProbabilityDistributions;
import dev.bunting.application.StoreBreaker;
import dev.bunting.application.audit.ReadAuditTrail;
import dev.bunting.application.environment.CreateEnvironment;
import dev.bunting.application.environment.DeleteEnvironment;
import dev.bunting.application.environment.GetEnvironment;
import dev.bunting.application.environment.ListEnvironments;
import dev.bunting.application.environment.UpdateEnvironment;
import dev.bunting.application.evaluation.EnvironmentRules;
import dev.bunting.application.evaluation.EnvironmentWatches;
import dev.bunting.application.evaluation.EvaluateAllFlags;
import dev.bunting.application.evaluation.EvaluateFlag;
import dev.bunting.application.evaluation.GetConfigSnapshot;
import dev.bunting.application.evaluation.WatchEnvironment;
import dev.bunting.application.experiment.ChangeExperiment;
import dev.bunting.application.experiment.CreateExperiment;
import dev.bunting.application.experiment.DeleteExperiment;
import dev.bunting.application.experiment.ExperimentWrites;
import dev.bunting.application.experiment.ReadExperimentResults;
import dev.bunting.application.experiment.ReadExperiments;
import dev.bunting.application.experiment.ReadExposuresPerDay;
import dev.bunting.application.flag.ArchiveFlag;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.CreateFlag;
import dev.bunting.application.flag.DeleteFlag;
import dev.bunting.application.flag.GetFlag;
import dev.bunting.application.flag.GetFlagConfig;
import dev.bunting.application.flag.ListFlags;
import dev.bunting.application.flag.ReadEvaluationCounts;
import dev.bunting.application.flag.RestoreFlag;
import dev.bunting.application.flag.UpdateFlag;
import dev.bunting.application.health.CheckHealth;
import dev.bunting.application.identity.Authenticate;
import dev.bunting.application.identity.BootstrapAdmin;
import dev.bunting.application.identity.ChangePassword;
import dev.bunting.application.identity.ChangeUserRole;
import dev.bunting.application.identity.ListUsers;
import dev.bunting.application.identity.RegisterUser;
import dev.bunting.application.identity.SignIn;
import dev.bunting.application.identity.SignOut;
import dev.bunting.application.key.AuthenticateKey;
import dev.bunting.application.key.CreateKey;
import dev.bunting.application.key.KeyRevocations;
import dev.bunting.application.key.KnownKeys;
import dev.bunting.application.key.ListKeys;
import dev.bunting.application.key.RevokeKey;
import dev.bunting.application.measurement.MeasureEvaluations;
import dev.bunting.application.measurement.MeasurementBuffer;
import dev.bunting.application.measurement.RecordEvents;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.experiment.statistics.StatisticsEngine;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.PasswordPolicy;
import dev.bunting.domain.identity.RegistrationPolicy;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.port.ConfigCache;
import dev.bunting.domain.port.KeyCache;
import dev.bunting.domain.port.PasswordHasher;
import dev.bunting.domain.port.RateLimiter;
import dev.bunting.domain.port.SignInThrottle;
import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.StoreUnavailableException;
import dev.bunting.domain.port.TokenIssuer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * The HTTP API wired by hand over the in-memory store, the in-process cache and the standard evaluator, with a fixed
 * clock; requests are built from a method, a path (with query string) and a JSON body, and replies parsed with Jackson.
 */
final class TestApi {

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final byte[] TOKEN_SECRET =
            "a token-signing secret for the tests, 32+ bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    final InMemoryStore store = new InMemoryStore(NOW);
    final ConfigCache cache = new InProcessConfigCache(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60), 64);
    final KeyCache keyCache = new CaffeineKeyCache(Duration.ofSeconds(10), 1_000);
    /**
     * While true, the store the API uses fails as one that cannot be reached does, and {@link #store} stays readable for
     * checks. The clock being fixed, evaluation does not try the store again once it has failed.
     */
    volatile boolean storeDown;

    private final Store served = new Store() {
        @Override
        public <T> T inTransaction(Work<T> work) {
            if (storeDown) {
                throw new StoreUnavailableException("the test took the store down", null);
            }
            return store.inTransaction(work);
        }

        @Override
        public boolean isReachable() {
            return !storeDown;
        }
    };
    final List<RequestLog.Entry> log = new ArrayList<>();
    /** Every request is an admin's unless it brings its own Authorization header or is sent anonymously. */
    static final String ADMIN_EMAIL = "admin@bunting.test";

    static final String ADMIN_PASSWORD = "a long passphrase for the tests";
    private static final String ANONYMOUS = "X-Test-Anonymous";

    /** What experiments measure: exposures and events as POST /events and evaluations record them. */
    final InMemoryMeasurements measurements = new InMemoryMeasurements();

    /** Where server-side evaluations leave exposures until a test flushes them into {@link #measurements}. */
    final MeasurementBuffer measurementBuffer;

    private final StatisticsEngine engine = new StatisticsEngine(new CommonsProbabilityDistributions());

    final HttpApi api;
    /** The open watches of event streams, whose new versions are read on the thread that reported the change. */
    final EnvironmentWatches watches;

    final String adminToken;
    private final AtomicInteger requestIds = new AtomicInteger();

    TestApi() {
        this(new ApiSettings(ApiSettings.DEFAULT_MAX_BODY_BYTES, false));
    }

    TestApi(ApiSettings settings) {
        this(settings, clock -> new InProcessSignInThrottle(clock, 5, java.time.Duration.ofMinutes(15)));
    }

    /** With the sign-in throttle {@code throttle} makes from the API's clock. */
    TestApi(ApiSettings settings, Function<Clock, SignInThrottle> throttle) {
        this(settings, throttle, clock -> RateLimiter.UNLIMITED);
    }

    /** With the per-key rate limit {@code keyRateLimiter} makes from the API's clock, which stands still. */
    TestApi(Function<Clock, RateLimiter> keyRateLimiter) {
        this(
                new ApiSettings(ApiSettings.DEFAULT_MAX_BODY_BYTES, false),
                clock -> new InProcessSignInThrottle(clock, 5, java.time.Duration.ofMinutes(15)),
                keyRateLimiter);
    }

    private TestApi(
            ApiSettings settings,
            Function<Clock, SignInThrottle> throttle,
            Function<Clock, RateLimiter> keyRateLimiter) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Evaluator evaluator = Evaluators.standard();
        Json json = new Json();
        Responses responses = new Responses(json);
        StoreBreaker breaker = new StoreBreaker(clock, Runnable::run);
        EnvironmentRules rules = new EnvironmentRules(served, cache, evaluator, breaker, clock);
        measurementBuffer = new MeasurementBuffer(measurements, clock, 10_000, Duration.ZERO);
        MeasureEvaluations measure = new MeasureEvaluations(measurementBuffer, clock);
        watches = new EnvironmentWatches(rules, cache, Runnable::run);
        RandomIdGenerator ids = new RandomIdGenerator();
        PasswordHasher hasher = new Argon2PasswordHasher(new Argon2Parameters(8192, 1, 1));
        PasswordPolicy policy = new PasswordPolicy(new SimplePasswordStrength());
        SignInThrottle signInThrottle = throttle.apply(clock);
        JwtSettings tokenSettings = new JwtSettings(TOKEN_SECRET, "bunting", "bunting-api");
        TokenIssuer tokens = new JwtTokenIssuer(tokenSettings, clock, ids);
        KnownKeys knownKeys = new KnownKeys();
        Authenticate authenticate = new Authenticate(served, new JwtTokenVerifier(tokenSettings, clock));
        Authenticator authenticator = new Authenticator(
                authenticate,
                new AuthenticateKey(served, keyCache, knownKeys, breaker, clock),
                keyRateLimiter.apply(clock));
        api = new HttpApi(
                List.of(
                        new FlagRoutes(
                                new CreateFlag(served, cache, clock),
                                new UpdateFlag(served, cache, clock),
                                new DeleteFlag(served, cache, clock),
                                new ArchiveFlag(served, cache, clock),
                                new RestoreFlag(served, cache, clock),
                                new GetFlag(served),
                                new ListFlags(served),
                                responses),
                        new ConfigRoutes(
                                new GetFlagConfig(served),
                                new ChangeFlagConfig(served, cache, evaluator, rules, clock),
                                new RandomIdGenerator(),
                                responses),
                        new EnvironmentRoutes(
                                new CreateEnvironment(served, clock),
                                new ListEnvironments(served),
                                new GetEnvironment(served),
                                new DeleteEnvironment(served, cache, new KeyRevocations(keyCache, knownKeys), clock),
                                new UpdateEnvironment(served, cache, clock),
                                responses),
                        new EvaluationRoutes(
                                new EvaluateFlag(rules, measure),
                                new EvaluateAllFlags(rules, measure),
                                responses,
                                new BulkEvaluationBodies(json, cache)),
                        new HealthRoutes(new CheckHealth(served, cache), responses, Optional.empty()),
                        new PageRoutes(Optional.empty(), responses),
                        new AuthRoutes(
                                new RegisterUser(
                                        served, hasher, policy, RegistrationPolicy.OPEN, signInThrottle, ids, clock),
                                new SignIn(served, hasher, tokens, signInThrottle),
                                new ListUsers(served),
                                new ChangeUserRole(served, new KeyRevocations(keyCache, knownKeys), clock),
                                new SignOut(served),
                                new ChangePassword(served, hasher, policy, signInThrottle, clock),
                                responses),
                        new KeyRoutes(
                                new CreateKey(served, ids, new SecureRandomSecretGenerator(), clock),
                                new ListKeys(served),
                                new RevokeKey(served, keyCache, knownKeys, clock),
                                responses),
                        new OfrepRoutes(
                                new EvaluateFlag(rules, measure),
                                new EvaluateAllFlags(rules, measure),
                                responses,
                                settings),
                        new SdkRoutes(
                                new GetConfigSnapshot(rules),
                                () -> new WatchEnvironment(rules, watches),
                                responses,
                                json,
                                cache),
                        new AuditRoutes(new ReadAuditTrail(served), responses),
                        new ExperimentRoutes(
                                new CreateExperiment(served, clock),
                                new ReadExperiments(served),
                                new ChangeExperiment(new ExperimentWrites(served, cache, rules, clock)),
                                new DeleteExperiment(served, clock),
                                new ReadExperimentResults(served, measurements, engine),
                                responses),
                        new EventRoutes(new RecordEvents(rules, measurements, clock), responses),
                        new StatsRoutes(engine, responses),
                        new HistoryRoutes(
                                new ReadEvaluationCounts(served, measurements, clock),
                                new ReadExposuresPerDay(served, measurements),
                                responses)),
                new ApiServices(authenticator, json, responses, settings, log::add));
        new BootstrapAdmin(store, hasher, policy, ids, clock).createIfNoUsers(new Email(ADMIN_EMAIL), ADMIN_PASSWORD);
        var admin = store.inTransaction(r -> r.users().findByEmail(new Email(ADMIN_EMAIL)))
                .orElseThrow();
        adminToken = "Bearer "
                + tokens.issue(admin.id(), Role.ADMIN, admin.credentialsChangedAt())
                        .token();
    }

    /** Header that sends a request with no credentials at all, rather than as the admin. */
    static final Map<String, String> NO_CREDENTIALS = Map.of(ANONYMOUS, "");

    /** Sends a request with no credentials at all. */
    Reply callAnonymously(String method, String pathAndQuery, String jsonBody) {
        return callAnonymously(method, pathAndQuery, jsonBody, Map.of());
    }

    /** Sends a request with no credentials at all, and with {@code headers}. */
    Reply callAnonymously(String method, String pathAndQuery, String jsonBody, Map<String, String> headers) {
        Map<String, String> anonymous = new LinkedHashMap<>(headers);
        anonymous.put(ANONYMOUS, "");
        return call(method, pathAndQuery, jsonBody, anonymous);
    }

    /** A reply, its body parsed as JSON when there is one. */
    record Reply(int status, Map<String, String> headers, byte[] body, JsonNode json) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        String text(String field) {
            JsonNode node = json.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }

        /** Checks that this is an RFC 9457 problem with the given status, and returns it for more checks. */
        Reply isProblem(int expectedStatus) {
            assertThat(status).as("status of %s", json).isEqualTo(expectedStatus);
            assertThat(contentType()).isEqualTo("application/problem+json");
            assertThat(json.path("type").asText()).startsWith("https://bunting.dev/problems/");
            assertThat(json.path("title").asText()).isNotBlank();
            assertThat(json.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(json.path("detail").asText()).isNotBlank();
            return this;
        }

        String problemType() {
            return json.path("type").asText().substring("https://bunting.dev/problems/".length());
        }

        /** The codes of the problem's field errors, as "field:code". */
        List<String> errors() {
            List<String> errors = new ArrayList<>();
            json.path("errors")
                    .forEach(e -> errors.add(
                            e.path("field").asText() + ":" + e.path("code").asText()));
            return errors;
        }
    }

    Reply call(String method, String pathAndQuery) {
        return call(method, pathAndQuery, null, Map.of());
    }

    Reply call(String method, String pathAndQuery, String jsonBody) {
        return call(method, pathAndQuery, jsonBody, Map.of());
    }

    /** A call carrying {@code authorization} in the Authorization header. */
    Reply call(String method, String pathAndQuery, String jsonBody, String authorization) {
        return call(method, pathAndQuery, jsonBody, Map.of("Authorization", authorization));
    }

    /** Sends {@code jsonBody} (when not null) as application/json unless {@code headers} name another content type. */
    Reply call(String method, String pathAndQuery, String jsonBody, Map<String, String> headers) {
        Map<String, String> allHeaders = new LinkedHashMap<>();
        if (jsonBody != null) {
            allHeaders.put("Content-Type", "application/json");
        }
        allHeaders.putAll(headers);
        return send(
                method, pathAndQuery, jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8), allHeaders);
    }

    Reply send(String method, String pathAndQuery, byte[] body, Map<String, String> requestHeaders) {
        ApiResponse response = api.handle(request(method, pathAndQuery, body, requestHeaders));
        JsonNode json = null;
        if (response.body().length > 0) {
            try {
                // as an HTTP client does, the JSON is read from the body decoded
                json = MAPPER.readTree(
                        "gzip".equals(response.headers().get("Content-Encoding"))
                                ? new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes()
                                : response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("the response is not JSON", e);
            }
        }
        return new Reply(response.status(), response.headers(), response.body(), json);
    }

    /** Asks for an event stream, as the admin unless {@code headers} say otherwise (as for {@link #send}). */
    StreamOpening openStream(String pathAndQuery, Map<String, String> headers) {
        ApiRequest request = request("GET", pathAndQuery, null, headers);
        return api.openStream(request, api.match(request.method(), request.path()));
    }

    private ApiRequest request(String method, String pathAndQuery, byte[] body, Map<String, String> requestHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(requestHeaders);
        boolean anonymous = headers.remove(ANONYMOUS) != null;
        if (!anonymous && headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            headers.put("Authorization", adminToken);
        }
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new ApiRequest(method, path, query, headers, body, "test-" + requestIds.incrementAndGet(), "127.0.0.1");
    }

    // ---- shortcuts for arranging state through the API itself

    JsonNode createBooleanFlag(String key, String... tags) {
        ObjectNode body = MAPPER.createObjectNode().put("key", key);
        body.putArray("tags")
                .addAll(java.util.Arrays.stream(tags)
                        .map(t -> MAPPER.getNodeFactory().textNode(t))
                        .toList());
        return created(call("POST", "/flags", body.toString()));
    }

    /** A string flag with variants "red", "green", "blue" (values the same as the keys). */
    JsonNode createColourFlag(String key) {
        return created(call("POST", "/flags", """
                {"key": "%s", "kind": "string", "variants": [
                  {"key": "red", "value": "red"}, {"key": "green", "value": "green"}, {"key": "blue", "value": "blue"}]}
                """.formatted(key)));
    }

    JsonNode config(String flag, String environment) {
        Reply reply = call("GET", "/flags/" + flag + "/environments/" + environment);
        assertThat(reply.status()).as("GET config: %s", reply.json()).isEqualTo(200);
        return reply.json();
    }

    /** Replaces the config with {@code document}, naming the version currently stored. */
    JsonNode putConfig(String flag, String environment, String document) {
        long version = config(flag, environment).path("version").asLong();
        Reply reply = call(
                "PUT",
                "/flags/" + flag + "/environments/" + environment,
                document,
                Map.of("If-Match", "\"" + version + "\""));
        assertThat(reply.status()).as("PUT config: %s", reply.json()).isEqualTo(200);
        return reply.json();
    }

    JsonNode toggle(String flag, String environment, boolean enabled) {
        Reply reply = call(
                "PATCH",
                "/flags/" + flag + "/environments/" + environment + "/toggle",
                "{\"enabled\": " + enabled + "}");
        assertThat(reply.status()).as("toggle: %s", reply.json()).isEqualTo(200);
        return reply.json();
    }

    private static JsonNode created(Reply reply) {
        assertThat(reply.status()).as("create: %s", reply.json()).isEqualTo(201);
        return reply.json();
    }

    /** Everything the API can show about its state: environments, every flag, and every flag's config in every environment. */
    JsonNode snapshot() {
        ObjectNode snapshot = MAPPER.createObjectNode();
        snapshot.set("environments", call("GET", "/environments").json());
        Reply flags = call("GET", "/flags?limit=500");
        snapshot.set("flags", flags.json());
        ObjectNode details = snapshot.putObject("details");
        ObjectNode configs = snapshot.putObject("configs");
        for (JsonNode flag : flags.json().path("items")) {
            String key = flag.path("key").asText();
            details.set(key, call("GET", "/flags/" + key).json());
            for (JsonNode environment : snapshot.path("environments").path("items")) {
                String env = environment.path("key").asText();
                configs.set(
                        key + "/" + env,
                        call("GET", "/flags/" + key + "/environments/" + env).json());
            }
        }
        return snapshot;
    }
}
