package dev.steward.etcd;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A replica on a free loopback port that answers every request with its id. */
final class Replica implements AutoCloseable {
    private final String id;
    private final HttpServer server;

    private Replica(String id, HttpServer server) {
        this.id = id;
        this.server = server;
    }

    static Replica start(String id) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.createContext("/", exchange -> {
                byte[] body = id.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new Replica(id, server);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    String id() {
        return id;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
