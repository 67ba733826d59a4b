package dev.steward.loopback;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A replica on a loopback port that answers every request with its body (its id, unless told
 * otherwise), each connection on a virtual thread of its own. It can be told to misbehave
 * ({@link Behaviour}), slowed down, given a health endpoint that passes or fails as told, killed like a
 * process that dies (every connection cut at once) and started again on its port. A whole answer leaves
 * in one write, so a kill cuts a connection before an answer or after it, never inside it.
 */
public final class Replica implements AutoCloseable {
    /** The health endpoint of a replica built with {@link ReplicaBuilder#healthCheck}. */
    public static final String HEALTH_PATH = "/healthz";
    /** The body of {@link Behaviour#ANSWER_503}. */
    public static final String OWN_503_BODY = "{\"replica\":\"busy\"}";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json";
    private static final int BACKLOG = 1024;

    /** What a replica does with each request it reads (health checks aside). */
    public enum Behaviour {
        /** A 200 with its body. */
        ANSWER,
        /** Holds every request until another behaviour is set ({@link #release()}), then meets it with that one. */
        HOLD,
        /** Its own 503 with {@link #OWN_503_BODY}: a replica's back-pressure signal. */
        ANSWER_503,
        /** A 200 whose head announces the whole body, then half of it, then the connection closes. */
        PARTIAL_THEN_CLOSE,
        /** Closes the connection without a byte of answer, as a replica that dies before it answers. */
        CLOSE_WITHOUT_ANSWER,
        /** Never answers, until the replica is killed. */
        SILENT
    }

    private final ReplicaSpec spec;
    private final ServerSocket server;
    private final ReplicaState state;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private Replica(ReplicaSpec spec, ServerSocket server) {
        this.spec = spec;
        this.server = server;
        this.state = new ReplicaState(spec.behaviour(), spec.healthy().orElse(true));
        this.acceptor = Thread.ofVirtual().name("replica-" + spec.id() + "-accept").start(this::accept);
    }

    /** @throws UncheckedIOException when the port cannot be bound */
    static Replica bind(ReplicaSpec spec) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            try {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), spec.port()), BACKLOG);
            } catch (IOException taken) {
                server.close();
                throw taken;
            }
            return new Replica(spec, server);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot start replica " + spec.id() + " on port " + spec.port(), failure);
        }
    }

    /** A replica on a free port that answers with its id. */
    public static Replica start(String id) {
        return named(id).start();
    }

    /** A replica on {@code port}, as one that leased its port, or one back where a killed one listened. */
    public static Replica startOn(String id, int port) {
        return named(id).port(port).start();
    }

    /** A replica that holds every request until {@link #release()}. */
    public static Replica holding(String id) {
        return named(id).behaviour(Behaviour.HOLD).start();
    }

    /** A replica to configure before it starts. */
    public static ReplicaBuilder named(String id) {
        return new ReplicaBuilder(id);
    }

    /** The body a replica of {@code deployment} answers with, which a checked load reads to tell a misroute. */
    public static String bodyOf(String deployment, String replicaId) {
        return requireNonNull(deployment, "deployment is null") + " " + requireNonNull(replicaId, "replicaId is null") + "\n";
    }

    /** Whether {@code body} is the answer of a replica of {@code deployment} (see {@link #bodyOf}). */
    static boolean answeredBy(String body, String deployment) {
        return body.startsWith(deployment + " ");
    }

    public String id() {
        return spec.id();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** This replica as a target of the routing model, on 127.0.0.1. */
    public Target target() {
        return new Target("127.0.0.1", port(), spec.id());
    }

    /** Makes every request read from now on meet {@code behaviour}; held requests meet it too. */
    public void behave(Behaviour behaviour) {
        state.behave(behaviour);
    }

    /** Answers the held requests and every later one. */
    public void release() {
        state.behave(Behaviour.ANSWER);
    }

    /**
     * Waits until a request is being held.
     *
     * @throws IllegalStateException when none came within 30 seconds
     */
    public void awaitHeldRequest() throws InterruptedException {
        if (!state.awaitHeld(Duration.ofSeconds(30))) {
            throw new IllegalStateException("replica " + spec.id() + " held no request within 30 s");
        }
    }

    /** Makes every later answer wait this long first. */
    public void slowDown(Duration delay) {
        state.slowDown(delay);
    }

    /** Makes the health endpoint pass or fail from now on. */
    public void healthy(boolean value) {
        state.healthy(value);
    }

    /** Requests read so far, health checks not counted. */
    public long requests() {
        return state.requests();
    }

    public int passedChecks() {
        return state.passedChecks();
    }

    /** Health checks passed when the first request arrived; -1 while none has. */
    public int passedChecksAtFirstRequest() {
        return state.passedChecksAtFirstRequest();
    }

    /**
     * Kills this replica, if it still runs, and starts it again on the same port with the same id,
     * body and health endpoint, answering normally: a process that restarted.
     */
    public Replica restart() {
        int port = port();
        kill();
        return bind(spec.restartedOn(port));
    }

    /** Stops listening and cuts every connection at once, as a replica that dies does; requests in flight get no answer. */
    public void kill() {
        state.kill();
        closeQuietly(server);
        // A socket closed while a thread waits in accept is released only once that thread has left it:
        // until then the port is still bound, and a replica restarting on it would fail.
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        connections.forEach(Replica::closeQuietly);
    }

    /** {@link #kill()}. */
    @Override
    public void close() {
        kill();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException closed) {
                return;
            }
            connections.add(socket);
            Thread.ofVirtual().name("replica-" + spec.id()).start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            new ReplicaConnection(socket, state, spec.answer(), spec.healthy().isPresent()).serve();
        } catch (IOException ended) {
            // The client went away, or the replica was killed: both end the connection, nothing to report.
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(socket);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception alreadyGone) {
            // A kill closes what may have closed by itself.
        }
    }
}
