package dev.steward.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A replica on loopback, on the JDK's HTTP server, that answers every request with its id; each
 * request on a virtual thread of its own, so that a load of many connections is answered concurrently.
 */
public final class Replica implements AutoCloseable {
    private final String id;
    private final HttpServer server;
    private final ExecutorService executor;

    private Replica(String id, HttpServer server, ExecutorService executor) {
        this.id = id;
        this.server = server;
        this.executor = executor;
    }

    /** A replica on a free port. */
    public static Replica start(String id) {
        return startOn(id, 0);
    }

    /** A replica on the given port, as a replica that leased its port from the port policy would run. */
    public static Replica startOn(String id, int port) {
        Objects.requireNonNull(id, "id is null");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            server.createContext("/", exchange -> {
                byte[] body = id.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            server.start();
            return new Replica(id, server, executor);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot start replica " + id, failure);
        }
    }

    public String id() {
        return id;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
