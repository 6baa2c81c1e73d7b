package dev.bunting.adapter.http;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.port.StoreUnavailableException;
import dev.bunting.domain.port.ThrottleUnavailableException;
import dev.bunting.domain.port.TokensUnavailableException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP API, whatever carries it: routes a request, runs it, and maps every outcome and failure to a response.
 * Runtimes only translate their transport to {@link ApiRequest} and back.
 */
public final class HttpApi {

    private static final Logger LOG = Logger.getLogger(HttpApi.class.getName());
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final List<Route> routes;
    private final Optional<SdkRoutes> sdk;
    private final Authenticator authenticator;
    private final Json json;
    private final Responses responses;
    private final ApiSettings settings;
    private final RequestLog requestLog;

    /** Serves the routes of these groups; a runtime picks the groups through one of the API modules. */
    HttpApi(List<? extends RouteGroup> groups, ApiServices services) {
        this.routes = groups.stream().flatMap(group -> group.routes().stream()).toList();
        this.sdk = groups.stream().filter(SdkRoutes.class::isInstance).map(SdkRoutes.class::cast).findFirst();
        this.authenticator = services.authenticator;
        this.json = services.json;
        this.responses = services.responses;
        this.settings = services.settings;
        this.requestLog = services.requestLog;
    }

    /** Every route as "METHOD /template", for checking the OpenAPI document against what is served. */
    public List<String> routeSignatures() {
        return routes.stream().map(r -> r.method() + " " + r.path().template()).toList();
    }

    /**
     * Whether serving this request may wait on the store, so an event-loop transport must hand it to a worker first.
     * Evaluations are answered from prepared configs and cached keys; only the first one after a change loads them. A
     * user's token is checked against the store (it may have been revoked), so an evaluation carrying one may block.
     */
    public boolean mayBlock(String method, String path, Function<String, Optional<String>> header) {
        Route route = routeFor(method.toUpperCase(Locale.ROOT), PathPattern.split(path));
        return route != null && (!route.fromMemory() || Authenticator.presentsUserToken(header));
    }

    /**
     * Whether the request asks for an event stream. A transport that can hold a response open serves it with
     * {@link #openStream}; {@link #handle} answers it with 501, as a transport that answers each request once must.
     */
    public boolean opensStream(String method, String path) {
        return SdkRoutes.isStream(method.toUpperCase(Locale.ROOT), PathPattern.split(path));
    }

    /** Opens the event stream a request asks for, or says why not. The log records the time opening took. */
    public StreamOpening openStream(ApiRequest request) {
        long started = System.nanoTime();
        StreamOpening opening;
        try {
            SdkRoutes streams = sdk.orElseThrow(() -> new ProblemException(
                    Problem.of(404, "not-found", "Not found", "no route matches " + request.path())));
            checkQueryAndHeaders(routeFor(request.method(), PathPattern.split(request.path())), request);
            opening = new StreamOpening.Opened(streams.openStream(request));
        } catch (ProblemException e) {
            opening = new StreamOpening.Refused(responses.problem(e.problem(), request.path()));
        } catch (InvalidInputException e) {
            opening = new StreamOpening.Refused(responses.problem(Problem.validation(e.violations()), request.path()));
        } catch (RuntimeException e) {
            opening = new StreamOpening.Refused(failure(e, request));
        }
        int status = opening instanceof StreamOpening.Refused refused ? refused.response().status() : 200;
        requestLog.record(new RequestLog.Entry(request.requestId(), request.method(), SdkRoutes.STREAM, status, (System.nanoTime() - started) / 1000));
        return opening;
    }

    public ApiResponse handle(ApiRequest request) {
        long started = System.nanoTime();
        String[] segments = PathPattern.split(request.path());
        String routeTemplate = "unmatched";
        ApiResponse response;
        try {
            Route matched = routeFor(request.method(), segments);
            Set<String> allowed = matched != null ? Set.of() : allowedMethods(segments);
            if (matched != null) {
                routeTemplate = matched.path().template();
                response = run(matched, request, matched.path().match(segments));
            } else if (!allowed.isEmpty()) {
                response = withHeader(responses.problem(Problem.of(405, "method-not-allowed", "Method not allowed",
                        request.method() + " is not supported here; use " + String.join(", ", allowed)), request.path()), "Allow", String.join(", ", allowed));
            } else {
                response = responses.problem(Problem.of(404, "not-found", "Not found", "no route matches " + request.path()), request.path());
            }
        } catch (ProblemException e) {
            response = responses.problem(e.problem(), request.path());
        } catch (RuntimeException e) {
            response = failure(e, request);
        }
        requestLog.record(new RequestLog.Entry(request.requestId(), request.method(), routeTemplate, response.status(), (System.nanoTime() - started) / 1000));
        return response;
    }

    /** The first route serving this method and path shape, or null. */
    private Route routeFor(String method, String[] segments) {
        for (Route route : routes) {
            if (route.method().equals(method) && route.path().matches(segments)) {
                return route;
            }
        }
        return null;
    }

    private Set<String> allowedMethods(String[] segments) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.path().matches(segments)) {
                allowed.add(route.method());
            }
        }
        return allowed;
    }

    private ApiResponse run(Route route, ApiRequest request, Map<String, String> variables) {
        if (request.body().length > settings.maxBodyBytes()) {
            return responses.problem(Problem.of(413, "payload-too-large", "Payload too large",
                    "the body is larger than the limit of " + settings.maxBodyBytes() + " bytes"), request.path());
        }
        if (METHODS_WITH_BODY.contains(request.method()) && request.body().length > 0 && !isJson(request.header("Content-Type").orElse(""))) {
            return responses.problem(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "send the body as application/json"), request.path());
        }
        try {
            checkQueryAndHeaders(route, request);
            Authenticator.Caller caller = route.open() ? Authenticator.Caller.ANONYMOUS : authenticator.caller(request);
            return route.handler().handle(new Route.Call(request, variables, json, caller.principal(), caller.session()));
        } catch (ProblemException e) {
            return responses.problem(e.problem(), request.path());
        } catch (InvalidInputException e) {
            return responses.problem(Problem.validation(e.violations()), request.path());
        }
    }

    /** The query the route reads and every header value, checked before anyone reads them (see {@link InputText}). */
    private static void checkQueryAndHeaders(Route route, ApiRequest request) {
        route.query().check(request.query());
        request.headers().forEach(InputText::checkHeader);
    }

    private ApiResponse failure(RuntimeException e, ApiRequest request) {
        if (e instanceof StoreUnavailableException) {
            LOG.log(Level.WARNING, "store unavailable while serving request " + request.requestId(), e);
            return withHeader(responses.problem(Problem.of(503, "unavailable", "Service unavailable",
                    "the store cannot be reached; retry shortly"), request.path()), "Retry-After", "1");
        }
        if (e instanceof ThrottleUnavailableException) {
            // fail closed: a sign-in that cannot be counted is not checked (RedisSignInThrottle says why)
            LOG.log(Level.WARNING, "sign-in throttle unavailable while serving request " + request.requestId(), e);
            return withHeader(responses.problem(Problem.of(503, "unavailable", "Service unavailable",
                    "sign-in cannot count attempts right now; retry shortly"), request.path()), "Retry-After", "1");
        }
        if (e instanceof TokensUnavailableException) {
            LOG.log(Level.WARNING, "the token-signing secret could not be read while serving request " + request.requestId(), e);
            return withHeader(responses.problem(Problem.of(503, "unavailable", "Service unavailable",
                    "tokens cannot be checked right now; retry shortly"), request.path()), "Retry-After", "1");
        }
        LOG.log(Level.SEVERE, "unexpected failure serving request " + request.requestId(), e);
        return responses.problem(Problem.of(500, "internal", "Internal error",
                "the request failed unexpectedly; it has been logged as " + request.requestId()), request.path());
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private static ApiResponse withHeader(ApiResponse response, String name, String value) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(response.headers());
        headers.put(name, value);
        return new ApiResponse(response.status(), headers, response.body());
    }
}
