package dev.steward.api;

import dev.steward.api.model.RoutingState;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Makes one proxy serve a routing state. Steward calls {@link #apply} from one thread at a time.
 */
public interface ProxyBackend extends AutoCloseable {
    /** Prepares the backend; a proxy process already running from an earlier Steward may be adopted. */
    void start();

    /**
     * Makes the proxy serve {@code state}, as a whole or not at all.
     *
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
     */
    String describe();

    BackendStatus status();

    /**
     * The oldest revision whose routes the running proxy may still use for requests in flight, beyond
     * what {@link BackendStatus#retiring()} says: a target removed at revision R that still drains in
     * the serving process makes this R - 1. The port gate lets a released port return only once this,
     * the applied revision and every retiring process have passed the release. Empty when nothing of
     * the kind drains, or the backend cannot tell.
     */
    default OptionalLong oldestRoutedRevision() {
        return OptionalLong.empty();
    }

    /**
     * Where clients reach the proxy, such as {@code http://127.0.0.1:8080}, for tools that send it
     * traffic (the demo, scenario runners); empty when the backend cannot tell.
     */
    default Optional<URI> frontend() {
        return Optional.empty();
    }

    /** What {@link #close()} does with the proxy's processes: the backend's own setting; {@code STOP} unless it has one. */
    default ProxyStop onStop() {
        return ProxyStop.STOP;
    }

    /**
     * Stops managing the proxy and leaves its processes as {@code how} says: stopped gracefully, or
     * serving for the next Steward to take over. A backend that cannot leave its proxy running stops it.
     */
    default void close(ProxyStop how) {
        close();
    }

    /** Stops managing the proxy as {@link #onStop()} says; by default stops it gracefully, including processes still finishing connections. */
    @Override
    void close();
}
