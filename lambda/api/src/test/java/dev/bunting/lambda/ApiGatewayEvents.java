package dev.bunting.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test events: the real API Gateway sample event, with the request line, headers and body replaced. */
final class ApiGatewayEvents {

    static final String SAMPLE = "apigw_http_event.json";

    private static final AtomicInteger REQUESTS = new AtomicInteger();

    private ApiGatewayEvents() {}

    /** The sample event exactly as API Gateway's documentation gives it. */
    static APIGatewayV2HTTPEvent sample() {
        return EventLoader.loadApiGatewayHttpEvent(SAMPLE);
    }

    /** @param rawQuery the query string as sent, percent-encoded; empty for none */
    static APIGatewayV2HTTPEvent request(String method, String rawPath, String rawQuery) {
        APIGatewayV2HTTPEvent event = sample();
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(rawPath);
        event.getRequestContext().setRequestId("test-" + REQUESTS.incrementAndGet());
        event.setRawPath(rawPath);
        event.setRawQueryString(rawQuery);
        event.setQueryStringParameters(null);
        event.setPathParameters(null);
        event.setHeaders(new HashMap<>(Map.of("accept", "application/json", "user-agent", "bunting-test")));
        event.setBody(null);
        event.setIsBase64Encoded(false);
        return event;
    }

    static APIGatewayV2HTTPEvent jsonRequest(String method, String rawPath, String json) {
        APIGatewayV2HTTPEvent event = request(method, rawPath, "");
        event.getHeaders().put("content-type", "application/json");
        event.setBody(json);
        return event;
    }
}
