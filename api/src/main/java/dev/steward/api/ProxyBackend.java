package dev.steward.api;

import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyForecast;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.proxy.BackendStatus;
import dev.steward.api.proxy.ProxyStop;
import dev.steward.api.proxy.ReloadNeededException;
import dev.steward.api.proxy.RetirementBound;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Makes one proxy serve a routing state. Steward calls {@link #forecast} and {@link #apply} from one
 * thread at a time.
 */
public interface ProxyBackend extends AutoCloseable {
    /** Prepares the backend; a proxy process already running from an earlier Steward may be adopted. */
    void start();

    /**
     * Whether {@code state} can be served without a new proxy process, from what the backend serves now.
     * A backend that cannot tell says a reload; the engine then holds the apply for its window.
     */
    default ApplyForecast forecast(RoutingState state) {
        return ApplyForecast.reload("the proxy backend does not say what its applies take");
    }

    /**
     * Makes the proxy serve {@code state}, as a whole or not at all.
     *
     * @throws ReloadNeededException when a state forecast to need no reload turned out to need one; the
     *     next apply reloads
     * @throws ApplyException when the proxy does not serve it; the previous state keeps serving
     */
    ApplyOutcome apply(RoutingState state);

    /** The proxy configuration {@code state} produces; a pure function of the state and the settings. */
    String render(RoutingState state);

    /**
     * Checks that the proxy accepts the configuration of {@code state}, without touching a running proxy.
     *
     * @throws ApplyException with the proxy's own message when it does not
     */
    void verify(RoutingState state);

    /**
     * What {@code steward check} says of the proxy: a first line naming its software and version, then
     * a line for each thing Steward does differently because of that version.
     *
     * @throws ApplyException when the proxy software is missing or cannot be used
     */
    String describe();

    BackendStatus status();

    /**
     * The oldest revision whose routes any process of the proxy may still use for requests in flight:
     * an old process that finishes its connections after a reload routes with the revision it served
     * then, and a target removed at revision R that still drains makes this R - 1. A released port
     * returns only once this has passed its release. Empty when nothing older than the applied state
     * routes, or the backend cannot tell.
     */
    default OptionalLong oldestRoutedRevision() {
        return OptionalLong.empty();
    }

    /**
     * How long after an apply begins a process that the apply retires (an old process finishing its
     * connections) may still route with the state it served. A port policy must hold a released port
     * longer than this, or such a process may send a request for the old replica to the new one: Steward
     * checks the two against each other at start and in {@code steward check}. Empty when no process
     * outlives an apply, or the backend cannot tell; then nothing is checked.
     */
    default Optional<RetirementBound> retirementBound() {
        return Optional.empty();
    }

    /**
     * Stops managing the proxy and leaves its processes as {@code how} says: stopped gracefully, or
     * serving for the next Steward to take over. A backend that cannot leave its proxy running stops it.
     */
    default void close(ProxyStop how) {
        close();
    }

    /** Stops managing the proxy as its own settings say ({@link BackendStatus#onStop()}); by default it stops it gracefully. */
    @Override
    void close();
}
