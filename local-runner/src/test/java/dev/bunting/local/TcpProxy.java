package dev.bunting.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/**
 * A TCP proxy that a test takes down and brings back up, to give a server an outage of whatever sits behind it. While
 * up it forwards every connection to the target. Taking it down cuts every live connection and leaves new ones
 * hanging: accepted, never answered, as a host that has dropped off the network leaves them. Bringing it back up
 * closes those and forwards again.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    /** Every socket the proxy holds, both ends of forwarded connections and the hanging ones; guarded by this. */
    private final Set<Socket> sockets = new HashSet<>();

    private boolean up = true;

    private TcpProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** Listens on a free loopback port and forwards to {@code host:port}. */
    static TcpProxy to(String host, int port) {
        try {
            TcpProxy proxy = new TcpProxy(
                    new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), new InetSocketAddress(host, port));
            Thread.ofPlatform().daemon().name("tcp-proxy-" + proxy.port()).start(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for the proxy", e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Cuts every live connection; from now on connections are accepted and left hanging. */
    synchronized void takeDown() {
        up = false;
        closeAll();
    }

    /** Closes the hanging connections, so their clients give up at once, and forwards new ones again. */
    synchronized void bringUp() {
        up = true;
        closeAll();
    }

    @Override
    public synchronized void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        closeAll();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            boolean forward;
            synchronized (this) {
                sockets.add(client);
                forward = up;
            }
            if (forward) {
                Thread.ofVirtual().start(() -> forward(client));
            }
        }
    }

    private void forward(Socket client) {
        Socket upstream = new Socket();
        synchronized (this) {
            sockets.add(upstream);
        }
        try {
            upstream.connect(target);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        Thread.ofVirtual().start(() -> pump(client, upstream));
        pump(upstream, client);
    }

    /** Copies until either end closes, then closes both, which ends the pump the other way too. */
    private void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one end closed: the connection is over
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    private void closeAll() {
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
