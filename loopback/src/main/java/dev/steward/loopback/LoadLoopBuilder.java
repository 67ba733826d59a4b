package dev.steward.loopback;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A load before it starts: where it sends (a proxy, or a replica standing in for one), which routes,
 * over how many connections, how fast and for how long.
 */
public final class LoadLoopBuilder {
    private final URI proxy;
    private final List<LoadRoute> routes = new ArrayList<>();
    private int connections = 1;
    private Duration pause = Duration.ZERO;
    private Optional<Duration> lasting = Optional.empty();

    LoadLoopBuilder(URI proxy) {
        this.proxy = requireNonNull(proxy, "proxy is null");
        if (!"http".equals(proxy.getScheme()) || proxy.getHost() == null || proxy.getPort() < 0) {
            throw new IllegalArgumentException("a load goes to http://host:port, found " + proxy);
        }
    }

    /** A path to request, whoever answers it. */
    public LoadLoopBuilder path(String path) {
        routes.add(new LoadRoute(path, Optional.empty()));
        return this;
    }

    /** Paths to request, each with the deployment whose replicas must answer it ({@link Replica#bodyOf}). */
    public LoadLoopBuilder routes(Map<String, String> deploymentByRoute) {
        requireNonNull(deploymentByRoute, "deploymentByRoute is null").forEach((path, deployment) ->
                routes.add(new LoadRoute(path, Optional.of(requireNonNull(deployment, "deployment is null")))));
        return this;
    }

    /** Keep-alive connections, each sending its requests one after the other; 1 unless said. */
    public LoadLoopBuilder connections(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a load needs at least one connection, found " + count);
        }
        this.connections = count;
        return this;
    }

    /** A pause after each answer on each connection: load that leaves the machine room for what is watched. */
    public LoadLoopBuilder pause(Duration value) {
        requireNonNull(value, "value is null");
        if (value.isNegative()) {
            throw new IllegalArgumentException("a pause cannot be negative, found " + value);
        }
        this.pause = value;
        return this;
    }

    /** Stops by itself once {@code duration} has passed ({@link LoadLoop#awaitEnd()}); else it runs until stopped. */
    public LoadLoopBuilder lasting(Duration duration) {
        requireNonNull(duration, "duration is null");
        if (!duration.isPositive()) {
            throw new IllegalArgumentException("a load lasts a positive time, found " + duration);
        }
        this.lasting = Optional.of(duration);
        return this;
    }

    public LoadLoop start() {
        if (routes.isEmpty()) {
            throw new IllegalStateException("a load needs a path or routes to request");
        }
        return new LoadLoop(proxy, routes, connections, pause, lasting);
    }
}
