package dev.bunting.local;

import dev.bunting.adapter.http.ApiRequest;
import dev.bunting.adapter.http.ApiResponse;
import dev.bunting.adapter.http.EventStream;
import dev.bunting.adapter.http.HttpApi;
import dev.bunting.adapter.http.RouteMatch;
import dev.bunting.adapter.http.StreamOpening;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.xnio.IoUtils;
import org.xnio.Options;
import org.xnio.XnioExecutor;
import org.xnio.channels.ReadTimeoutException;
import org.xnio.channels.StreamSourceChannel;

/**
 * Translates Undertow's exchanges to the shared API's requests and responses. Requests the API answers from memory
 * (evaluations) run on the I/O thread that read them; the rest may wait on the store, so they move to a virtual thread.
 * An evaluation whose context is large may take long (its time grows with the context's text), so it moves to the few
 * threads kept for long work: platform threads, which the operating system shares the processors with, where a virtual
 * thread would hold its carrier for as long as it computes; and fewer than the processors, so that however many such
 * requests arrive, they queue for those threads and leave processors to the I/O threads. Where a request runs is
 * decided once its body is in, since a body that arrives in pieces is completed on an I/O thread whatever thread asked
 * for it.
 *
 * <p>A request for an event stream is opened on a virtual thread too (its key and environment may need the store),
 * and an open stream is written with Undertow's server-sent events support: events are written by the connection's
 * I/O thread, a batch of streams at a time ({@link StreamWrites}), and a timer on that thread sends the heartbeats, so
 * an open stream holds no thread. Another
 * timer has the stream check its credentials again, on a virtual thread, every {@code accessCheck}. The I/O thread also
 * reads the connection, so that a client hanging up closes the stream at once rather than at the next heartbeat's
 * failed write; nothing a client sends on a stream's connection means anything, and Undertow closes it after the stream.
 */
final class UndertowTransport implements HttpHandler {

    private static final HttpString REQUEST_ID = HttpString.tryFromString("X-Request-Id");
    private static final Pattern CALLERS_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final HttpApi api;
    private final ExecutorService blockingWork;
    private final ExecutorService longWork;
    private final Duration streamHeartbeat;
    private final Duration accessCheck;
    private final long maxBodyBytes;
    private final AtomicLong requestCounter = new AtomicLong();
    private final StreamWrites writes = new StreamWrites();

    UndertowTransport(
            HttpApi api,
            ExecutorService blockingWork,
            ExecutorService longWork,
            Duration streamHeartbeat,
            Duration accessCheck,
            long maxBodyBytes) {
        this.api = api;
        this.blockingWork = blockingWork;
        this.longWork = longWork;
        this.streamHeartbeat = streamHeartbeat;
        this.accessCheck = accessCheck;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        // said to be too large: refused before any of it is read, and before 100 Continue invites it
        if (exchange.isInIoThread() && exchange.getRequestContentLength() > maxBodyBytes) {
            refuse(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        RouteMatch match = api.match(exchange.getRequestMethod().toString(), exchange.getRequestURI());
        if (match.opensStream()) {
            if (exchange.isInIoThread()) {
                exchange.dispatch(blockingWork, dispatched -> stream(dispatched, match));
            } else {
                stream(exchange, match);
            }
            return;
        }
        new BodyReader(exchange, match).start();
    }

    /**
     * Reads a body in parts, so that one whose length was not said (chunked) is refused with a 413 as soon as it passes
     * the limit, rather than by Undertow's own limit, which closes the connection with no answer at all.
     */
    private final class BodyReader {
        private final HttpServerExchange exchange;
        private final RouteMatch match;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private boolean refused;

        BodyReader(HttpServerExchange exchange, RouteMatch match) {
            this.exchange = exchange;
            this.match = match;
        }

        void start() {
            exchange.getRequestReceiver().receivePartialBytes(this::part, UndertowTransport.this::unreadable);
        }

        private void part(HttpServerExchange exchange, byte[] part, boolean last) {
            if (refused) {
                return;
            }
            if (body.size() + part.length > maxBodyBytes) {
                refused = true;
                exchange.getRequestReceiver().pause();
                refuse(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE);
                return;
            }
            body.writeBytes(part);
            if (last) {
                respond(exchange, body.toByteArray(), match);
            }
        }
    }

    /**
     * A body that could not be read whole: one that stopped arriving, or that passed Undertow's own limit (a
     * backstop: {@link BodyReader} refuses first). Its rest is not read, so the connection closes after.
     */
    private void unreadable(HttpServerExchange exchange, IOException failure) {
        int status =
                switch (failure) {
                    case RequestTooBigException tooBig -> StatusCodes.REQUEST_ENTITY_TOO_LARGE;
                    case ReadTimeoutException timedOut -> StatusCodes.REQUEST_TIME_OUT;
                    default -> StatusCodes.BAD_REQUEST;
                };
        refuse(exchange, status);
    }

    private void refuse(HttpServerExchange exchange, int status) {
        exchange.setPersistent(false);
        send(exchange, api.refused(translate(exchange, new byte[0]), status));
    }

    /**
     * Wraps the handlers Undertow runs before this transport's: they, or Undertow, end some exchanges with a status
     * and no body (503 while shutting down, 500 for a handler that threw); those get the API's problem+json for that
     * status instead. Refusals while parsing, before there is an exchange, are {@link ParseFailureAnswer}'s.
     */
    HttpHandler answeringRefusalsWithProblems(HttpHandler next) {
        return exchange -> {
            exchange.addDefaultResponseListener(this::answerUndertowsRefusal);
            next.handleRequest(exchange);
        };
    }

    private boolean answerUndertowsRefusal(HttpServerExchange exchange) {
        if (exchange.isResponseStarted() || exchange.getStatusCode() < StatusCodes.BAD_REQUEST) {
            return false;
        }
        exchange.setPersistent(false);
        send(exchange, api.refused(translate(exchange, new byte[0]), exchange.getStatusCode()));
        return true;
    }

    private void stream(HttpServerExchange exchange, RouteMatch match) throws Exception {
        switch (api.openStream(translate(exchange, new byte[0]), match)) {
            case StreamOpening.Refused refused -> send(exchange, refused.response());
            case StreamOpening.Opened opened -> {
                EventStream stream = opened.stream();
                // however the response ends (the client hangs up, a write fails, the stream or the server ends it)
                exchange.addExchangeCompleteListener((done, next) -> {
                    stream.close();
                    next.proceed();
                });
                opened.headers()
                        .forEach((name, value) ->
                                exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
                new ServerSentEventHandler((connection, lastEventId) -> {
                            connection.sendRetry(stream.retry().toMillis());
                            connection.setKeepAliveTime(streamHeartbeat.toMillis());
                            XnioExecutor.Key checks = exchange.getIoThread()
                                    .executeAtInterval(
                                            () -> blockingWork.execute(stream::checkAccess),
                                            accessCheck.toMillis(),
                                            TimeUnit.MILLISECONDS);
                            connection.addCloseTask(closed -> checks.remove());
                            StreamWrites.Outbox outbox = writes.sinkFor(connection, exchange.getIoThread());
                            closeOnHangUp(exchange, connection, outbox);
                            stream.start(outbox);
                        })
                        .handleRequest(exchange);
            }
        }
    }

    /**
     * Reads the stream's connection on its I/O thread, which Undertow's own reader leaves alone until the response
     * ends: the end of input is the client hanging up, and closes the stream. What a client sends is dropped. A
     * connection whose client hung up is read no more, so that it stops being ready, and is closed in a batch with the
     * I/O thread's other stream work ({@link StreamWrites}).
     */
    private static void closeOnHangUp(
            HttpServerExchange exchange, ServerSentEventConnection connection, StreamWrites.Outbox outbox) {
        if (!(exchange.getConnection() instanceof AbstractServerConnection server)) {
            return;
        }
        try {
            // a client has nothing to send on a stream, so the read timeout that cuts stalled requests must not cut it
            server.getChannel().setOption(Options.READ_TIMEOUT, 0);
        } catch (IOException e) {
            IoUtils.safeClose(connection);
            return;
        }
        StreamSourceChannel input = server.getChannel().getSourceChannel();
        ByteBuffer dropped = ByteBuffer.allocate(256);
        input.getReadSetter().set(channel -> {
            try {
                int read;
                do {
                    dropped.clear();
                    read = channel.read(dropped);
                } while (read > 0);
                if (read < 0) {
                    channel.suspendReads();
                    outbox.close();
                }
            } catch (IOException e) {
                channel.suspendReads();
                outbox.close();
            }
        });
        input.resumeReads();
    }

    private void respond(HttpServerExchange exchange, byte[] body, RouteMatch match) {
        ApiRequest request = translate(exchange, body);
        if (exchange.isInIoThread()) {
            if (api.mayBlock(match, request::header)) {
                exchange.dispatch(blockingWork, () -> send(exchange, api.handle(request, match)));
                return;
            }
            if (api.mayRunLong(request)) {
                exchange.dispatch(longWork, () -> send(exchange, api.handle(request, match)));
                return;
            }
        }
        send(exchange, api.handle(request, match));
    }

    private static void send(HttpServerExchange exchange, ApiResponse result) {
        exchange.setStatusCode(result.status());
        result.headers()
                .forEach((name, value) -> exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
        // an answer to HEAD carries GET's length and no body
        if (!result.headers().containsKey("Content-Length")) {
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, result.body().length);
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(result.body()));
    }

    private ApiRequest translate(HttpServerExchange exchange, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), values.getFirst());
        }
        Map<String, List<String>> query = new HashMap<>();
        exchange.getQueryParameters().forEach((name, values) -> query.put(name, new ArrayList<>(values)));
        String requestId = exchange.getRequestHeaders().getFirst(REQUEST_ID);
        // a caller's id names its request in the log, so it must be short and plain; any other gets one of ours
        if (requestId == null || !CALLERS_REQUEST_ID.matcher(requestId).matches()) {
            requestId = "local-" + requestCounter.incrementAndGet();
        }
        return new ApiRequest(
                exchange.getRequestMethod().toString(),
                exchange.getRequestURI(),
                query,
                headers,
                body,
                requestId,
                exchange.getSourceAddress().getAddress().getHostAddress());
    }
}
