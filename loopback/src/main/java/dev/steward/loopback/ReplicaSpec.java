package dev.steward.loopback;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a replica is: its id, its port (0 for a free one), what it answers with, how it behaves at
 * start, and whether it serves a health endpoint (and passes it at start).
 */
record ReplicaSpec(String id, int port, Optional<String> body, Replica.Behaviour behaviour, Optional<Boolean> healthy) {
    ReplicaSpec {
        requireNonNull(id, "id is null");
        requireNonNull(body, "body is null");
        requireNonNull(behaviour, "behaviour is null");
        requireNonNull(healthy, "healthy is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, found " + port);
        }
    }

    /** The body of every answer: the one given, else the id. */
    String answer() {
        return body.orElse(id);
    }

    /** The same replica after a restart on {@code newPort}: answering normally again. */
    ReplicaSpec restartedOn(int newPort) {
        return new ReplicaSpec(id, newPort, body, Replica.Behaviour.ANSWER, healthy);
    }
}
