package dev.bunting.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.channels.AcceptingChannel;

/**
 * Takes new connections and lets through no more than a cap in total and a smaller one per client address, closing
 * any beyond at once: one client holding thousands of idle connections would otherwise use up the process's file
 * descriptors, and then nobody, not even a health check, could connect. What is let through is prepared by
 * {@code prepare} and handed to Undertow's listener.
 */
final class ConnectionGate implements ChannelListener<AcceptingChannel<StreamConnection>> {

    private static final Logger LOG = Logger.getLogger(ConnectionGate.class.getName());

    private final int maxConnections;
    private final int maxPerClient;
    private final UnaryOperator<StreamConnection> prepare;
    private final ChannelListener<StreamConnection> next;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> openByClient = new ConcurrentHashMap<>();

    ConnectionGate(
            int maxConnections,
            int maxPerClient,
            UnaryOperator<StreamConnection> prepare,
            ChannelListener<StreamConnection> next) {
        this.maxConnections = maxConnections;
        this.maxPerClient = maxPerClient;
        this.prepare = prepare;
        this.next = next;
    }

    @Override
    public void handleEvent(AcceptingChannel<StreamConnection> server) {
        StreamConnection connection;
        try {
            while ((connection = server.accept()) != null) {
                admit(connection);
            }
        } catch (IOException e) {
            // out of file descriptors despite the caps (something else holds many): the next readiness tries again
            LOG.log(Level.WARNING, "could not accept a connection", e);
        }
    }

    private void admit(StreamConnection connection) {
        InetAddress client = connection.getPeerAddress(InetSocketAddress.class).getAddress();
        boolean[] counted = new boolean[1];
        openByClient.compute(client, (address, count) -> {
            counted[0] = count == null || count < maxPerClient;
            return count == null ? 1 : counted[0] ? count + 1 : count;
        });
        if (!counted[0]) {
            IoUtils.safeClose(connection);
            return;
        }
        if (open.incrementAndGet() > maxConnections) {
            release(client);
            IoUtils.safeClose(connection);
            return;
        }
        connection.setCloseListener(closed -> release(client));
        next.handleEvent(prepare.apply(connection));
    }

    private void release(InetAddress client) {
        open.decrementAndGet();
        openByClient.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
    }
}
