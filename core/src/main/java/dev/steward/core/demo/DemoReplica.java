package dev.steward.core.demo;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A replica of a deployment on a loopback port: it answers every request with its deployment and
 * replica id, so a client can tell a misrouted answer from a right one. It can be slowed down, and
 * stopped like a replica whose process ends.
 */
public final class DemoReplica implements AutoCloseable {
    private final String deployment;
    private final String replicaId;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Duration delay = Duration.ZERO;

    private DemoReplica(String deployment, String replicaId, HttpServer server) {
        this.deployment = deployment;
        this.replicaId = replicaId;
        this.server = server;
    }

    /**
     * @param port the port leased for it; 0 picks a free one
     */
    public static DemoReplica start(String deployment, String replicaId, int port) {
        requireNonNull(deployment, "deployment is null");
        requireNonNull(replicaId, "replicaId is null");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            DemoReplica replica = new DemoReplica(deployment, replicaId, server);
            server.createContext("/", replica::answer);
            server.setExecutor(replica.threads);
            server.start();
            return replica;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot start replica " + replicaId + " on port " + port, failure);
        }
    }

    /** The body a replica answers with: what a client checks to spot a misroute. */
    public static String body(String deployment, String replicaId) {
        return deployment + " " + replicaId + "\n";
    }

    public String deployment() {
        return deployment;
    }

    public String replicaId() {
        return replicaId;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Makes every later answer wait this long first. */
    public void slowDown(Duration newDelay) {
        delay = requireNonNull(newDelay, "newDelay is null");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Duration wait = delay;
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = body(deployment, replicaId).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
