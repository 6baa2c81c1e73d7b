package dev.bunting.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.bunting.adapter.http.ApiRequest;
import dev.bunting.adapter.http.ApiResponse;
import dev.bunting.adapter.http.HttpApi;
import dev.bunting.adapter.postgres.PostgresStore;
import dev.bunting.adapter.redis.RedisCalls;
import dev.bunting.adapter.redis.jedis.JedisConnection;
import dev.bunting.adapter.secrets.SecretUnavailableException;
import dev.bunting.adapter.secrets.SecretsManagerSecrets;
import dev.bunting.application.measurement.MeasurementBuffer;
import dev.bunting.composition.SharedState;
import dev.bunting.composition.SigningSecret;
import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.TokensUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * Serves part of the HTTP API behind an API Gateway HTTP API (payload format 2.0): translates the event to an
 * {@link ApiRequest}, lets {@link HttpApi} answer, and translates the {@link ApiResponse} back. Each function's handler
 * ({@link EvaluationHandler}, {@link ManagementHandler}) says which part, through its own Dagger component.
 *
 * <p>Lambda creates one handler per execution environment, so the object graph is built once, in the constructor,
 * during init (which SnapStart snapshots). Init opens no connection, reads no secret and creates nothing random: see
 * {@link LazyStore} and {@link JedisConnection}.
 */
public abstract class ApiGatewayHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {

    static {
        LambdaLogging.install();
    }

    /** Builds a function's API from what every API function has. */
    @FunctionalInterface
    interface Graph {
        Served api(
                LambdaSettings settings,
                Store store,
                LazyMeasurements measurements,
                SharedState shared,
                SigningSecret signingSecret);
    }

    /** A function's API, and the buffer its evaluations leave measurement in. */
    record Served(HttpApi api, MeasurementBuffer measurements) {}

    private final HttpApi api;
    private final MeasurementBuffer measurements;
    private final LazyStore<PostgresStore> store;
    private final Optional<RedisCalls> redis;

    ApiGatewayHandler(LambdaSettings settings, Supplier<SecretsManagerSecrets> secrets, Graph graph) {
        DatabaseSettings database = settings.database();
        this.store = new LazyStore<>(
                () -> PostgresStore.open(database.jdbcUrl(), database.logins(secrets), settings.poolSize()));
        this.redis = settings.redis()
                .map(redisSettings -> settings.redisAuth()
                        .<RedisCalls>map(auth -> new JedisConnection(redisSettings, () -> auth.value(secrets)))
                        .orElseGet(() -> new JedisConnection(redisSettings)));
        SigningSecret signingSecret = () -> {
            try {
                return settings.jwtSecret()
                        .bytes(secrets, LambdaSettings.JWT_SECRET, LambdaSettings.MIN_JWT_SECRET_BYTES);
            } catch (SecretUnavailableException e) {
                throw new TokensUnavailableException("the token-signing secret cannot be read", e);
            }
        };
        // frozen between requests, a function can hold no subscription: each get compares versions with Redis instead
        Served served = graph.api(
                settings, store, LazyMeasurements.on(store), SharedState.checkingEachGet(redis), signingSecret);
        this.api = served.api();
        this.measurements = served.measurements();
    }

    /** Registers for SnapStart's checkpoint and restore; a handler the Lambda runtime builds calls this once built. */
    final void registerForSnapStart() {
        Core.getGlobalContext().register(this);
    }

    /**
     * Before SnapStart takes its snapshot: warms the evaluator and JSON (no I/O), then closes whatever connection init
     * or a priming invocation opened, so that no restored environment shares or inherits a dead socket.
     */
    @Override
    public final void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.run();
        store.disconnect();
        redis.ifPresent(RedisCalls::disconnect);
    }

    /** Nothing to do: the store and Redis connect again on first use. */
    @Override
    public final void afterRestore(org.crac.Context<? extends Resource> context) {}

    /** The routes this function serves, as "METHOD /template". */
    List<String> routes() {
        return api.routeSignatures();
    }

    /** Whether connections to the store or Redis are open now. */
    boolean holdsConnections() {
        return store.isConnected() || redis.map(RedisCalls::isConnected).orElse(false);
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiResponse response = api.handle(toRequest(event));
        // nothing runs once the answer is returned and the environment may be frozen for good: write what this
        // invocation measured first (nothing, unless it evaluated a flag under experiment, or counts are due)
        measurements.flush(false);
        return toResponse(response);
    }

    private static ApiRequest toRequest(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        return new ApiRequest(
                context.getHttp().getMethod(),
                event.getRawPath(),
                query(event),
                event.getHeaders() == null ? Map.of() : event.getHeaders(),
                body(event),
                context.getRequestId(),
                context.getHttp().getSourceIp());
    }

    /** The raw query string when there is one; otherwise API Gateway's decoded map, each value taken whole. */
    private static Map<String, List<String>> query(APIGatewayV2HTTPEvent event) {
        if (event.getRawQueryString() != null || event.getQueryStringParameters() == null) {
            return RawQueryString.parse(event.getRawQueryString());
        }
        Map<String, List<String>> query = new HashMap<>();
        event.getQueryStringParameters().forEach((name, value) -> query.put(name, List.of(value)));
        return query;
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        if (event.getBody() == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded()
                ? Base64.getDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Every body the API writes is JSON text, so it goes back as UTF-8; one the API compressed (Content-Encoding) is
     * binary, which API Gateway takes as base64 and sends on decoded.
     */
    private static APIGatewayV2HTTPResponse toResponse(ApiResponse response) {
        APIGatewayV2HTTPResponse result = new APIGatewayV2HTTPResponse();
        result.setStatusCode(response.status());
        result.setHeaders(new HashMap<>(response.headers()));
        boolean binary = response.headers().containsKey("Content-Encoding");
        result.setBody(
                binary
                        ? Base64.getEncoder().encodeToString(response.body())
                        : new String(response.body(), StandardCharsets.UTF_8));
        result.setIsBase64Encoded(binary);
        return result;
    }
}
