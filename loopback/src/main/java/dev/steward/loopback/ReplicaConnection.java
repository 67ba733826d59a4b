package dev.steward.loopback;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Optional;

/**
 * One connection to a replica, served on a virtual thread of its own: requests one after the other,
 * kept alive as the client asks, each met with the replica's behaviour at the time it is read.
 */
final class ReplicaConnection {
    private final Socket socket;
    private final ReplicaState state;
    private final String body;
    private final boolean healthEndpoint;

    ReplicaConnection(Socket socket, ReplicaState state, String body, boolean healthEndpoint) {
        this.socket = requireNonNull(socket, "socket is null");
        this.state = requireNonNull(state, "state is null");
        this.body = requireNonNull(body, "body is null");
        this.healthEndpoint = healthEndpoint;
    }

    /** Serves until the client closes, the behaviour ends the connection, or the replica is killed. */
    void serve() throws IOException, InterruptedException {
        HttpReader reader = new HttpReader(new BufferedInputStream(socket.getInputStream()));
        OutputStream out = socket.getOutputStream();
        boolean open = true;
        while (open) {
            HttpHead request = reader.head();
            // Read whole, so that closing without an answer sends the client an end of stream, not a reset.
            reader.body(request, false);
            boolean close = !request.keepsAlive();
            boolean withBody = !request.method().equals("HEAD");
            if (healthEndpoint && isHealthCheck(request)) {
                out.write(Answers.of(state.check() ? 200 : 503, "", "", close, withBody));
                out.flush();
                open = !close;
                continue;
            }
            state.countRequest();
            open = answer(state.awaitTurn(), out, close, withBody) && !close;
        }
    }

    /** @return whether the connection may serve another request */
    private boolean answer(Optional<Replica.Behaviour> behaviour, OutputStream out, boolean close, boolean withBody)
            throws IOException, InterruptedException {
        if (behaviour.isEmpty()) {
            return false;
        }
        switch (behaviour.get()) {
            case ANSWER, HOLD -> out.write(Answers.of(200, Replica.TEXT, body, close, withBody));
            case ANSWER_503 -> out.write(Answers.of(503, Replica.JSON, Replica.OWN_503_BODY, close, withBody));
            case PARTIAL_THEN_CLOSE -> {
                out.write(Answers.cut(body));
                out.flush();
                return false;
            }
            case CLOSE_WITHOUT_ANSWER -> {
                return false;
            }
            case SILENT -> {
                state.awaitKill();
                return false;
            }
        }
        out.flush();
        return true;
    }

    private static boolean isHealthCheck(HttpHead request) {
        String path = request.path();
        return path.equals(Replica.HEALTH_PATH) || path.startsWith(Replica.HEALTH_PATH + "/");
    }
}
