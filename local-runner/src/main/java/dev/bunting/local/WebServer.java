package dev.bunting.local;

import dev.bunting.adapter.http.ApiResponse;
import io.undertow.UndertowOptions;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * Undertow's HTTP/1.1 listener, put together by hand rather than with {@code Undertow.builder()} so that new
 * connections pass the {@link ConnectionGate} and carry the {@link ParseFailureAnswer}: the builder has no place for
 * either. Its options bound how long a connection may idle or dawdle, and how large a body may be.
 */
final class WebServer implements AutoCloseable {

    /** File descriptors kept for everything but connections: the database pool, Redis, the JDK's own files. */
    private static final long DESCRIPTOR_HEADROOM = 512;

    private static final int BUFFER_SIZE = 16 * 1024 - 20;

    private final XnioWorker worker;
    private final AcceptingChannel<StreamConnection> server;

    private WebServer(XnioWorker worker, AcceptingChannel<StreamConnection> server) {
        this.worker = worker;
        this.server = server;
    }

    static WebServer start(int port, HttpEdge edge, long maxBodyBytes, HttpHandler handler, ApiResponse parseFailure) {
        int ioThreads = Math.max(Runtime.getRuntime().availableProcessors(), 2);
        try {
            XnioWorker worker = Xnio.getInstance(WebServer.class.getClassLoader())
                    .createWorker(OptionMap.builder()
                            .set(Options.WORKER_IO_THREADS, ioThreads)
                            .set(Options.WORKER_TASK_CORE_THREADS, ioThreads * 8)
                            .set(Options.WORKER_TASK_MAX_THREADS, ioThreads * 8)
                            .set(Options.TCP_NODELAY, true)
                            .set(Options.CORK, true)
                            .getMap());
            OptionMap undertowOptions = OptionMap.builder()
                    .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
                    // a backstop only: past it Undertow closes the connection without an answer, so the transport
                    // refuses a body over the limit itself, with a 413, long before
                    .set(UndertowOptions.MAX_ENTITY_SIZE, 2 * maxBodyBytes + 1)
                    .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int)
                            edge.keepAlive().toMillis())
                    .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int)
                            edge.headerTimeout().toMillis())
                    .getMap();
            HttpOpenListener http =
                    new HttpOpenListener(new DefaultByteBufferPool(true, BUFFER_SIZE, -1, 4), undertowOptions);
            http.setRootHandler(handler);
            byte[] parseFailureBytes = ParseFailureAnswer.bytesOf(parseFailure);
            int readTimeoutMillis = (int) edge.readTimeout().toMillis();
            ConnectionGate gate = new ConnectionGate(
                    connectionCap(edge.maxConnections()),
                    edge.maxPerClient(),
                    connection -> {
                        connection
                                .getSinkChannel()
                                .setConduit(new ParseFailureAnswer(
                                        connection.getSinkChannel().getConduit(), parseFailureBytes));
                        // read by Undertow's listener, which then closes a connection whose reads stall this long
                        setReadTimeout(connection, readTimeoutMillis);
                        return connection;
                    },
                    http);
            AcceptingChannel<StreamConnection> server = worker.createStreamConnectionServer(
                    new InetSocketAddress("0.0.0.0", port),
                    gate,
                    OptionMap.builder()
                            .set(Options.TCP_NODELAY, true)
                            .set(Options.REUSE_ADDRESSES, true)
                            .set(Options.BALANCING_TOKENS, 1)
                            .set(Options.BALANCING_CONNECTIONS, 2)
                            .set(Options.BACKLOG, 1000)
                            .getMap());
            server.resumeAccepts();
            return new WebServer(worker, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    private static void setReadTimeout(StreamConnection connection, int millis) {
        try {
            connection.setOption(Options.READ_TIMEOUT, millis);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set a read timeout on a new connection", e);
        }
    }

    /** The configured cap, lowered to what the process's file descriptor limit leaves room for. */
    private static int connectionCap(int configured) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long room = unix.getMaxFileDescriptorCount() - DESCRIPTOR_HEADROOM;
            if (room < configured) {
                Logger.getLogger(WebServer.class.getName())
                        .warning("BUNTING_MAX_CONNECTIONS is " + configured
                                + " but the file descriptor limit leaves room for " + Math.max(room, 1)
                                + "; holding at most that many");
                return (int) Math.max(room, 1);
            }
        }
        return configured;
    }

    int port() {
        return server.getLocalAddress(InetSocketAddress.class).getPort();
    }

    /** Stops listening, closes the connections left, and waits briefly for the I/O threads to end. */
    @Override
    public void close() {
        IoUtils.safeClose(server);
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
