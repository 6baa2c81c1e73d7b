package dev.bunting.adapter.http;

import dev.bunting.domain.InvalidInputException;
import dev.bunting.domain.port.StoreUnavailableException;
import dev.bunting.domain.port.ThrottleUnavailableException;
import dev.bunting.domain.port.TokensUnavailableException;
import java.util.LinkedHashMap;
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
    /**
     * The largest body or query string that is evaluated where it arrived. Contexts that real clients send fit in far
     * less; a larger one may take milliseconds against a config that matches regular expressions.
     */
    static final int QUICK_REQUEST_CHARACTERS = 2 * 1024;

    private final List<Route> routes;
    private final Authenticator authenticator;
    private final Json json;
    private final Responses responses;
    private final ApiSettings settings;
    private final RequestLog requestLog;
    private final CrossOrigin crossOrigin;

    /** Serves the routes of these groups; a runtime picks the groups through one of the API modules. */
    HttpApi(List<? extends RouteGroup> groups, ApiServices services) {
        this.routes = groups.stream().flatMap(group -> group.routes().stream()).toList();
        this.authenticator = services.authenticator;
        this.json = services.json;
        this.responses = services.responses;
        this.settings = services.settings;
        this.requestLog = services.requestLog;
        this.crossOrigin = new CrossOrigin(settings.corsOrigins());
    }

    /** Every route as "METHOD /template", for checking the OpenAPI document against what is served. */
    public List<String> routeSignatures() {
        return routes.stream().map(r -> r.method() + " " + r.path().template()).toList();
    }

    /**
     * Finds the route serving this method and path (HEAD is served by GET's route), once per request: the transport
     * decides with the answer where to run the request, and serves it with the same answer.
     */
    public RouteMatch match(String method, String path) {
        String upper = method.toUpperCase(Locale.ROOT);
        boolean head = upper.equals("HEAD");
        String[] segments = PathPattern.split(path);
        String served = head ? "GET" : upper;
        for (Route route : routes) {
            if (route.method().equals(served) && route.path().matches(segments)) {
                try {
                    return new RouteMatch(
                            new RouteMatch.Found(route, route.path().match(segments), head));
                } catch (ProblemException e) {
                    return new RouteMatch(new RouteMatch.Invalid(e.problem()));
                }
            }
        }
        return new RouteMatch(new RouteMatch.Unmatched(upper, allowedMethods(segments)));
    }

    /**
     * Whether serving this request may wait on the store, so an event-loop transport must hand it to a worker first.
     * Evaluations are answered from prepared configs and cached keys; only the first one after a change loads them. A
     * user's token is checked against the store (it may have been revoked), so an evaluation carrying one may block.
     * Opening a stream (HEAD opens one to see whether it would open) may wait on the store.
     */
    public boolean mayBlock(RouteMatch match, Function<String, Optional<String>> header) {
        return switch (match.result()) {
            case RouteMatch.Found found ->
                switch (found.route().serving()) {
                    case Route.Answer answer ->
                        !answer.fromMemory()
                                || (found.route().access() instanceof Access.Evaluation
                                        && Authenticator.presentsUserToken(header));
                    case Route.Stream stream -> true;
                };
            case RouteMatch.Unmatched unmatched -> false;
            case RouteMatch.Invalid invalid -> false;
        };
    }

    /**
     * Whether serving this request may take long enough to hold up the requests queued behind it: evaluation takes time
     * in proportion to the context's text, within the limits on contexts and configs, so a request with a large body
     * or query string is one. An event-loop transport runs it on a worker thread, whose time the operating system shares
     * with every other thread, so that it delays nobody else's evaluation on the I/O thread.
     */
    public boolean mayRunLong(ApiRequest request) {
        long characters = request.body().length;
        for (Map.Entry<String, List<String>> parameter : request.query().entrySet()) {
            characters += parameter.getKey().length();
            for (String value : parameter.getValue()) {
                characters += value.length() + 1;
            }
        }
        return characters > QUICK_REQUEST_CHARACTERS;
    }

    /**
     * Opens the event stream a request asks for ({@link RouteMatch#opensStream}), or says why not; a request that asks
     * for no stream is answered as {@link #handle} answers it. The log records the time opening took.
     */
    public StreamOpening openStream(ApiRequest request, RouteMatch match) {
        if (!(match.result() instanceof RouteMatch.Found found
                        && found.route().serving() instanceof Route.Stream stream)
                || found.head()) {
            return new StreamOpening.Refused(handle(request, match));
        }
        long started = System.nanoTime();
        StreamOpening opening =
                switch (open(request, found, stream)) {
                    case StreamOpening.Refused refused -> new StreamOpening.Refused(edge(request, refused.response()));
                    case StreamOpening.Opened opened ->
                        new StreamOpening.Opened(
                                opened.stream(),
                                edge(
                                                request,
                                                new ApiResponse(
                                                        200, opened.stream().headers(), new byte[0]))
                                        .headers());
                };
        int status = opening instanceof StreamOpening.Refused refused
                ? refused.response().status()
                : 200;
        requestLog.record(new RequestLog.Entry(
                request.requestId(), request.method(), match.template(), status, (System.nanoTime() - started) / 1000));
        return opening;
    }

    private StreamOpening open(ApiRequest request, RouteMatch.Found found, Route.Stream stream) {
        try {
            checkQueryAndHeaders(found.route(), request);
            EventStream opened = stream.opener().open(call(request, found));
            return new StreamOpening.Opened(opened, opened.headers());
        } catch (ProblemException e) {
            return new StreamOpening.Refused(responses.problem(e.problem(), request.path()));
        } catch (InvalidInputException e) {
            return new StreamOpening.Refused(responses.problem(Problem.validation(e.violations()), request.path()));
        } catch (RuntimeException e) {
            return new StreamOpening.Refused(failure(e, request));
        }
    }

    /** Answers a request, matching it first; a transport that has matched it already passes its match. */
    public ApiResponse handle(ApiRequest request) {
        return handle(request, match(request.method(), request.path()));
    }

    public ApiResponse handle(ApiRequest request, RouteMatch match) {
        long started = System.nanoTime();
        ApiResponse response =
                switch (match.result()) {
                    case RouteMatch.Found found when found.head() -> head(request, found);
                    case RouteMatch.Found found -> Compression.negotiate(request, serve(request, found));
                    case RouteMatch.Unmatched unmatched -> unmatched(request, unmatched);
                    case RouteMatch.Invalid invalid -> responses.problem(invalid.problem(), request.path());
                };
        requestLog.record(new RequestLog.Entry(
                request.requestId(),
                request.method(),
                match.template(),
                response.status(),
                (System.nanoTime() - started) / 1000));
        return edge(request, response);
    }

    /**
     * The answer to a request its transport refused before the API saw it, with the status the transport chose:
     * 413 for a body over the limit, 408 for one that stopped arriving, 400 for one it could not read.
     */
    public ApiResponse refused(ApiRequest request, int status) {
        requestLog.record(new RequestLog.Entry(request.requestId(), request.method(), "unmatched", status, 0));
        return edge(request, responses.problem(refusal(status), request.path()));
    }

    /** The answer to bytes that are not an HTTP request at all; nothing of them is known, not even a path. */
    public ApiResponse unparsable() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", Responses.PROBLEM_JSON);
        addSafetyHeaders(headers);
        return new ApiResponse(
                400,
                headers,
                json.write(Problem.of(
                                ProblemType.MALFORMED_REQUEST,
                                "the request is not valid HTTP/1.1: its request line or headers could not be parsed")
                        .body(null)));
    }

    /**
     * The problem a transport's refusal comes to. A status the transport chose that no kind of problem has (none it
     * sends today) is answered as the client's fault or the server's, by its class.
     */
    private Problem refusal(int status) {
        return switch (status) {
            case 413 -> tooLarge();
            case 408 ->
                Problem.of(ProblemType.REQUEST_TIMEOUT, "the request's body stopped arriving before it was complete");
            case 400 ->
                Problem.of(
                        ProblemType.MALFORMED_REQUEST,
                        "the request's body could not be read: its framing is malformed");
            case 503 ->
                Problem.of(ProblemType.UNAVAILABLE, "the server is shutting down; retry shortly")
                        .with(Problem.RETRY_AFTER, 1L);
            default ->
                status < 500
                        ? Problem.of(ProblemType.MALFORMED_REQUEST, "the request was refused before it reached the API")
                        : Problem.of(ProblemType.INTERNAL, "the request failed before it reached the API");
        };
    }

    private Problem tooLarge() {
        return Problem.of(
                ProblemType.PAYLOAD_TOO_LARGE,
                "the body is larger than the limit of " + settings.maxBodyBytes() + " bytes");
    }

    /** No route serves the method here: 404 where nothing is served, else OPTIONS' answer or 405 with Allow. */
    private ApiResponse unmatched(ApiRequest request, RouteMatch.Unmatched unmatched) {
        if (unmatched.allowed().isEmpty()) {
            return responses.problem(
                    Problem.of(ProblemType.NOT_FOUND, "no route matches " + Problem.echo(request.path())),
                    request.path());
        }
        String methods = String.join(", ", unmatched.allowed());
        if (unmatched.method().equals("OPTIONS")) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Allow", methods);
            crossOrigin.preflight(request, methods, headers);
            return new ApiResponse(204, headers, new byte[0]);
        }
        return withHeader(
                responses.problem(
                        Problem.of(
                                ProblemType.METHOD_NOT_ALLOWED,
                                Problem.echo(request.method()) + " is not supported here; use " + methods),
                        request.path()),
                "Allow",
                methods);
    }

    /**
     * HEAD is GET without the body, on every GET route; a stream is opened and closed at once, so HEAD says whether
     * it would open. The length is the body's that GET would send.
     */
    private ApiResponse head(ApiRequest request, RouteMatch.Found found) {
        ApiRequest get = new ApiRequest(
                "GET",
                request.path(),
                request.query(),
                request.headers(),
                request.body(),
                request.requestId(),
                request.sourceAddress());
        ApiResponse full;
        if (settings.eventStreams() && found.route().serving() instanceof Route.Stream stream) {
            full = switch (open(get, found, stream)) {
                case StreamOpening.Refused refused -> refused.response();
                case StreamOpening.Opened opened -> {
                    opened.stream().close();
                    Map<String, String> headers = new LinkedHashMap<>(opened.headers());
                    headers.put("Content-Type", EventStream.CONTENT_TYPE);
                    yield new ApiResponse(200, headers, new byte[0]);
                }
            };
        } else {
            full = Compression.negotiate(get, serve(get, found));
        }
        Map<String, String> headers = new LinkedHashMap<>(full.headers());
        headers.put("Content-Length", Integer.toString(full.body().length));
        return new ApiResponse(full.status(), headers, new byte[0]);
    }

    /**
     * What every response carries whatever its route: CORS for allowed origins, no content sniffing, and no caching,
     * since nearly every answer holds a token, a key, flag rules naming users, or a value evaluated for a user; the
     * few that hold none lose little by not being cached, and a new route cannot forget it.
     */
    private ApiResponse edge(ApiRequest request, ApiResponse response) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        addSafetyHeaders(headers);
        crossOrigin.decorate(request, headers);
        return new ApiResponse(response.status(), headers, response.body());
    }

    private static void addSafetyHeaders(Map<String, String> headers) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putIfAbsent("Cache-Control", "no-store");
    }

    /** The methods served at this path, with HEAD where GET is and OPTIONS wherever anything is; empty when none is. */
    private Set<String> allowedMethods(String[] segments) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.path().matches(segments)) {
                allowed.add(route.method());
            }
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        if (!allowed.isEmpty()) {
            allowed.add("OPTIONS");
        }
        return allowed;
    }

    /**
     * Serves a matched request: its body and query are checked, its caller resolved as the route's access asks, and
     * the handler runs with that caller. A stream is refused with 501 before anyone is asked for credentials, since
     * this path answers each request once.
     */
    private ApiResponse serve(ApiRequest request, RouteMatch.Found found) {
        if (request.body().length > settings.maxBodyBytes()) {
            return responses.problem(tooLarge(), request.path());
        }
        if (METHODS_WITH_BODY.contains(request.method())
                && request.body().length > 0
                && !isJson(request.header("Content-Type").orElse(""))) {
            return responses.problem(
                    Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json"),
                    request.path());
        }
        try {
            checkQueryAndHeaders(found.route(), request);
            return switch (found.route().serving()) {
                case Route.Answer answer -> answer.handler().handle(call(request, found));
                case Route.Stream stream ->
                    responses.problem(
                            Problem.of(
                                    ProblemType.STREAMING_UNAVAILABLE,
                                    "this deployment answers each request once and cannot hold an event stream open; poll GET /sdk/flags with If-None-Match"),
                            request.path());
            };
        } catch (ProblemException e) {
            return responses.problem(e.problem(), request.path());
        } catch (InvalidInputException e) {
            return responses.problem(Problem.validation(e.violations()), request.path());
        } catch (RuntimeException e) {
            return failure(e, request);
        }
    }

    /** The call a handler gets: the request with its caller, resolved once, here, as the route's access asks. */
    private Route.Call call(ApiRequest request, RouteMatch.Found found) {
        Caller caller = authenticator.resolve(found.route().access(), request);
        return new Route.Call(request, found.variables(), json, caller);
    }

    /** The query the route reads and every header value, checked before anyone reads them (see {@link InputText}). */
    private static void checkQueryAndHeaders(Route route, ApiRequest request) {
        route.query().check(request.query());
        request.headers().forEach(InputText::checkHeader);
    }

    private ApiResponse failure(RuntimeException e, ApiRequest request) {
        if (e instanceof StoreUnavailableException) {
            LOG.log(Level.WARNING, "store unavailable while serving request " + request.requestId(), e);
            return withHeader(
                    responses.problem(
                            Problem.of(ProblemType.UNAVAILABLE, "the store cannot be reached; retry shortly"),
                            request.path()),
                    "Retry-After",
                    "1");
        }
        if (e instanceof ThrottleUnavailableException) {
            // fail closed: a sign-in that cannot be counted is not checked (RedisSignInThrottle says why)
            LOG.log(Level.WARNING, "sign-in throttle unavailable while serving request " + request.requestId(), e);
            return withHeader(
                    responses.problem(
                            Problem.of(
                                    ProblemType.UNAVAILABLE, "sign-in cannot count attempts right now; retry shortly"),
                            request.path()),
                    "Retry-After",
                    "1");
        }
        if (e instanceof TokensUnavailableException) {
            LOG.log(
                    Level.WARNING,
                    "the token-signing secret could not be read while serving request " + request.requestId(),
                    e);
            return withHeader(
                    responses.problem(
                            Problem.of(ProblemType.UNAVAILABLE, "tokens cannot be checked right now; retry shortly"),
                            request.path()),
                    "Retry-After",
                    "1");
        }
        LOG.log(Level.SEVERE, "unexpected failure serving request " + request.requestId(), e);
        return responses.problem(
                Problem.of(
                        ProblemType.INTERNAL,
                        "the request failed unexpectedly; it has been logged as " + request.requestId()),
                request.path());
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private static ApiResponse withHeader(ApiResponse response, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put(name, value);
        return new ApiResponse(response.status(), headers, response.body());
    }
}
