package dev.steward.haproxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.steward.api.model.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A replica on loopback that answers every request with its id; optionally holds answers until released. */
final class Replica implements TargetReplica, AutoCloseable {
    private final String id;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release;
    private final CountDownLatch holding = new CountDownLatch(1);

    private Replica(String id, CountDownLatch release) {
        this.id = id;
        this.release = release;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException problem) {
            throw new UncheckedIOException(problem);
        }
        server.createContext("/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    static Replica start(String id) {
        return new Replica(id, new CountDownLatch(0));
    }

    /** A replica that holds every answer until {@link #release()}. */
    static Replica holding(String id) {
        return new Replica(id, new CountDownLatch(1));
    }

    String id() {
        return id;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public Target target() {
        return new Target("127.0.0.1", port(), id);
    }

    /** Waits until a request is being held. */
    void awaitHeldRequest() throws InterruptedException {
        holding.await();
    }

    void release() {
        release.countDown();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            holding.countDown();
            release.await();
            byte[] body = id.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
