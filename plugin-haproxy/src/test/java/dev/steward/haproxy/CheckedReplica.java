package dev.steward.haproxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.steward.api.model.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A replica on loopback that answers requests with its id and its health path with 200 or 503, as
 * told, and counts both; it notes how many checks had passed when the first request arrived.
 */
final class CheckedReplica implements TargetReplica, AutoCloseable {
    static final String HEALTH_PATH = "/healthz";

    private final String id;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean healthy;
    private final AtomicInteger passedChecks = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger passedChecksAtFirstRequest = new AtomicInteger(-1);

    CheckedReplica(String id, boolean healthy) {
        this.id = id;
        this.healthy = new AtomicBoolean(healthy);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException problem) {
            throw new UncheckedIOException(problem);
        }
        server.createContext(HEALTH_PATH, this::check);
        server.createContext("/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    String id() {
        return id;
    }

    @Override
    public Target target() {
        return new Target("127.0.0.1", server.getAddress().getPort(), id);
    }

    void healthy(boolean value) {
        healthy.set(value);
    }

    int passedChecks() {
        return passedChecks.get();
    }

    int requests() {
        return requests.get();
    }

    /** Checks passed when the first request arrived; -1 while none has. */
    int passedChecksAtFirstRequest() {
        return passedChecksAtFirstRequest.get();
    }

    private void check(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean up = healthy.get();
            if (up) {
                passedChecks.incrementAndGet();
            }
            exchange.sendResponseHeaders(up ? 200 : 503, -1);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            passedChecksAtFirstRequest.compareAndSet(-1, passedChecks.get());
            requests.incrementAndGet();
            byte[] body = id.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
