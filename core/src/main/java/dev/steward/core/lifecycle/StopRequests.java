package dev.steward.core.lifecycle;

import static java.util.Objects.requireNonNull;

import dev.steward.api.proxy.ProxyStop;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Stops asked for from inside, such as over the HTTP API, handed to whoever stops the daemon. The stop
 * runs on a thread of its own, so that the request that asked for it is answered before the API stops.
 */
public final class StopRequests {
    private volatile Optional<Consumer<ProxyStop>> handler = Optional.empty();

    /** Who carries stops out; the daemon, once it exists. */
    public void handleWith(Consumer<ProxyStop> stop) {
        handler = Optional.of(requireNonNull(stop, "stop is null"));
    }

    /**
     * Starts a stop that leaves the proxy as {@code how} says.
     *
     * @throws IllegalStateException when nothing can carry it out yet
     */
    public void request(ProxyStop how) {
        requireNonNull(how, "how is null");
        Consumer<ProxyStop> stop = handler.orElseThrow(() -> new IllegalStateException("no daemon to stop"));
        Thread.ofPlatform().name("steward-stop").start(() -> stop.accept(how));
    }
}
