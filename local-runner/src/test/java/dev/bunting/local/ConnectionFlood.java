package dev.bunting.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A hostile client, run as its own process so that its sockets use its own file descriptors: from one loopback
 * address, it tries to open as many idle connections to a port as it is told (within 30 s), sends nothing, holds those
 * it opened for a while, and prints how many it opened and how many failed.
 *
 * <p>Arguments: port, the source address (such as 127.0.0.2), how many connections, how many seconds to hold them.
 */
public final class ConnectionFlood {

    private ConnectionFlood() {}

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        InetSocketAddress source = new InetSocketAddress(args[1], 0);
        int count = Integer.parseInt(args[2]);
        long holdMillis = Long.parseLong(args[3]) * 1000;
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<Socket> held = new ArrayList<>(count);
        int refused = 0;
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            Socket socket = new Socket();
            try {
                socket.bind(source);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                held.add(socket);
            } catch (IOException e) {
                // out of descriptors or ports, or the server's backlog is full: hold what is open, keep trying
                close(socket);
                refused++;
            }
        }
        System.out.println("opened " + held.size() + ", refused " + refused);
        System.out.flush();
        Thread.sleep(holdMillis);
        held.forEach(ConnectionFlood::close);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
