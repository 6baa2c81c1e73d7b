package dev.bunting.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.bunting.adapter.http.ApiRequest;
import dev.bunting.adapter.http.ApiResponse;
import dev.bunting.adapter.http.HttpApi;
import dev.bunting.adapter.postgres.PostgresStore;
import dev.bunting.adapter.redis.RedisConnection;
import org.crac.Core;
import org.crac.Resource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the HTTP API behind an API Gateway HTTP API (payload format 2.0): translates the event to an
 * {@link ApiRequest}, lets {@link HttpApi} answer, and translates the {@link ApiResponse} back. Nothing else.
 *
 * <p>Lambda creates one instance per execution environment, so the object graph is built once, in the constructor,
 * during init (which SnapStart snapshots). Init opens no connection and creates nothing random: see {@link LazyStore}
 * and {@link RedisConnection}.
 */
public final class ApiGatewayHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {

    private final HttpApi api;
    private final LazyStore store;
    private final Optional<RedisConnection> redis;

    /** Called by the Lambda runtime; registers for SnapStart's checkpoint and restore. */
    public ApiGatewayHandler() {
        this(LambdaSettings.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    ApiGatewayHandler(LambdaSettings settings) {
        this.store = new LazyStore(() -> PostgresStore.connect(settings.databaseUrl(), settings.poolSize()));
        this.redis = settings.redis().map(RedisConnection::new);
        this.api = DaggerLambdaComponent.factory().create(settings, store, redis).api();
    }

    /**
     * Before SnapStart takes its snapshot: warms the evaluator and JSON (no I/O), then closes whatever connection init
     * or a priming invocation opened, so that no restored environment shares or inherits a dead socket.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.run();
        store.disconnect();
        redis.ifPresent(RedisConnection::disconnect);
    }

    /** Nothing to do: the store and Redis connect again on first use. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    /** Whether connections to the store or Redis are open now. */
    boolean holdsConnections() {
        return store.isConnected() || redis.map(RedisConnection::isConnected).orElse(false);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return toResponse(api.handle(toRequest(event)));
    }

    private static ApiRequest toRequest(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        return new ApiRequest(context.getHttp().getMethod(), event.getRawPath(), query(event),
                event.getHeaders() == null ? Map.of() : event.getHeaders(), body(event), context.getRequestId(), context.getHttp().getSourceIp());
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

    /** Every body the API writes is JSON text, so it goes back as UTF-8 rather than base64. */
    private static APIGatewayV2HTTPResponse toResponse(ApiResponse response) {
        APIGatewayV2HTTPResponse result = new APIGatewayV2HTTPResponse();
        result.setStatusCode(response.status());
        result.setHeaders(new HashMap<>(response.headers()));
        result.setBody(new String(response.body(), StandardCharsets.UTF_8));
        result.setIsBase64Encoded(false);
        return result;
    }
}
