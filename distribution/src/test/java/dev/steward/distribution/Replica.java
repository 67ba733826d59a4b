package dev.steward.distribution;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A backend replica: answers every request on a free loopback port with its own name. */
final class Replica implements AutoCloseable {
    private final String name;
    private final HttpServer server;

    private Replica(String name, HttpServer server) {
        this.name = name;
        this.server = server;
    }

    static Replica start(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = answer(name).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new Replica(name, server);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot start replica " + name, failed);
        }
    }

    /** What this replica answers to every request. */
    static String answer(String name) {
        return "hello from " + name;
    }

    String name() {
        return name;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
