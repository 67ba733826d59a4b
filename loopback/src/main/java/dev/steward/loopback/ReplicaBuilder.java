package dev.steward.loopback;

import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.util.Optional;

/** A replica before it starts: {@code Replica.named("app1-r1").port(20001).healthCheck(true).start()}. */
public final class ReplicaBuilder {
    private final String id;
    private int port;
    private Optional<String> body = Optional.empty();
    private Replica.Behaviour behaviour = Replica.Behaviour.ANSWER;
    private Optional<Boolean> healthy = Optional.empty();

    ReplicaBuilder(String id) {
        this.id = requireNonNull(id, "id is null");
    }

    /** The port to listen on; 0, the default, picks a free one. */
    public ReplicaBuilder port(int value) {
        this.port = value;
        return this;
    }

    /** What it answers with instead of its id, such as {@link Replica#bodyOf} a deployment. */
    public ReplicaBuilder body(String value) {
        this.body = Optional.of(requireNonNull(value, "value is null"));
        return this;
    }

    /** How it meets requests from the start; {@link Replica.Behaviour#ANSWER} unless said. */
    public ReplicaBuilder behaviour(Replica.Behaviour value) {
        this.behaviour = requireNonNull(value, "value is null");
        return this;
    }

    /** Serves {@link Replica#HEALTH_PATH}: 200 while healthy, else 503, counted apart from requests. */
    public ReplicaBuilder healthCheck(boolean initiallyHealthy) {
        this.healthy = Optional.of(initiallyHealthy);
        return this;
    }

    /**
     * @throws IllegalArgumentException when the port is not one
     * @throws UncheckedIOException when the port cannot be bound
     */
    public Replica start() {
        return Replica.bind(new ReplicaSpec(id, port, body, behaviour, healthy));
    }
}
