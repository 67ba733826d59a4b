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
 * replica id, so a client can tell a misrouted answer from a right one. It can be slowed down, made
 * to misbehave ({@link Behaviour}), stopped like a replica whose process ends, and started again on
 * the same port like a replica whose process restarts.
 */
public final class DemoReplica implements AutoCloseable {
    /** What a replica does with the requests it reads. */
    public enum Behaviour {
        /** A 200 with its deployment and replica id. */
        ANSWER,
        /** Closes the connection without a byte of response, as a replica that dies before it answers. */
        CLOSE_BEFORE_ANSWER,
        /** Sends the status, the headers and half the body, then closes the connection. */
        CLOSE_MID_RESPONSE
    }

    private final String deployment;
    private final String replicaId;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Duration delay = Duration.ZERO;
    private volatile Behaviour behaviour = Behaviour.ANSWER;

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

    /** Makes every later request meet this behaviour. */
    public void behave(Behaviour newBehaviour) {
        behaviour = requireNonNull(newBehaviour, "newBehaviour is null");
    }

    /**
     * Stops this replica, if it still runs, and starts it again on the same port with the same
     * identity, answering normally: a process that restarted.
     */
    public DemoReplica restart() {
        int port = port();
        close();
        return start(deployment, replicaId, port);
    }

    /** Stops at once: the listening socket and every connection close, requests in flight get no answer. */
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
            switch (behaviour) {
                // Closing an exchange that sent no headers closes its connection.
                case CLOSE_BEFORE_ANSWER -> { }
                case CLOSE_MID_RESPONSE -> {
                    exchange.sendResponseHeaders(200, body.length);
                    OutputStream out = exchange.getResponseBody();
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    // Closing a response shorter than announced closes its connection: the client sees a cut answer.
                }
                case ANSWER -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        }
    }
}
