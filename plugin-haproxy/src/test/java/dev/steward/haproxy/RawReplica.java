package dev.steward.haproxy;

import dev.steward.api.model.Target;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A replica on loopback that speaks just enough HTTP/1.1 (keep-alive, GET without body) to misbehave on
 * purpose. A whole answer leaves in one write, so that a {@link #kill()} cuts a connection either before
 * the response or after it, never inside it, as it would a replica that crashes between requests.
 */
final class RawReplica implements TargetReplica, AutoCloseable {
    enum Behaviour {
        /** 200 with the replica's id. */
        ANSWER,
        /** The status line, the headers and a tenth of the announced body, then the connection closes. */
        PARTIAL_THEN_CLOSE,
        /** Reads the request and closes the connection without a byte of response. */
        CLOSE_WITHOUT_ANSWER,
        /** Its own 503 with its own body: the replica's back-pressure signal. */
        ANSWER_503,
        /** Reads the request and never answers. */
        SILENT
    }

    static final String OWN_503_BODY = "{\"replica\":\"busy\"}";

    private final String id;
    private final Behaviour behaviour;
    private final ServerSocket server;
    private final AtomicLong hits = new AtomicLong();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch killed = new CountDownLatch(1);

    private RawReplica(String id, Behaviour behaviour, int port) {
        this.id = id;
        this.behaviour = behaviour;
        try {
            server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
        } catch (IOException problem) {
            throw new UncheckedIOException(problem);
        }
        Thread.ofVirtual().name("replica-" + id + "-accept").start(this::accept);
    }

    static RawReplica start(String id, Behaviour behaviour) {
        return new RawReplica(id, behaviour, 0);
    }

    /** A replica on a given port, such as one that comes back where a killed one listened. */
    static RawReplica startOn(String id, int port) {
        return new RawReplica(id, Behaviour.ANSWER, port);
    }

    static RawReplica start(String id) {
        return start(id, Behaviour.ANSWER);
    }

    @Override
    public Target target() {
        return new Target("127.0.0.1", server.getLocalPort(), id);
    }

    /** Requests received so far, health checks not counted (they send none). */
    long hits() {
        return hits.get();
    }

    /** Stops listening and closes every connection at once, as a replica that dies does. */
    void kill() {
        killed.countDown();
        closeQuietly(server);
        connections.forEach(RawReplica::closeQuietly);
    }

    @Override
    public void close() {
        kill();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connections.add(connection);
                Thread.ofVirtual().name("replica-" + id).start(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (readRequestHead(in)) {
                hits.incrementAndGet();
                switch (behaviour) {
                    case ANSWER -> out.write(response("200 OK", "text/plain", id));
                    case ANSWER_503 -> out.write(response("503 Service Unavailable", "application/json", OWN_503_BODY));
                    case PARTIAL_THEN_CLOSE -> {
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n" + "x".repeat(10))
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        return;
                    }
                    case CLOSE_WITHOUT_ANSWER -> {
                        return;
                    }
                    case SILENT -> {
                        killed.await();
                        return;
                    }
                }
                out.flush();
            }
        } catch (IOException cut) {
            // A killed replica or a client that went away: both end the connection, nothing to report.
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(connection);
        }
    }

    /** Reads up to the blank line; false at the end of the stream. */
    private static boolean readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                return false;
            }
            if (next == '\r') {
                matched = matched == 2 ? 3 : 1;
            } else if (next == '\n' && (matched == 1 || matched == 3)) {
                matched++;
            } else {
                matched = 0;
            }
        }
        return true;
    }

    private static byte[] response(String status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ("HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing on kill: the socket may already be gone.
        }
    }
}
