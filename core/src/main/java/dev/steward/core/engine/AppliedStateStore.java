package dev.steward.core.engine;

import dev.steward.api.model.RoutingState;
import java.util.Optional;

/**
 * Keeps the last applied routing state across restarts: a restarted Steward serves the same routes
 * (even those that came over HTTP) and its revisions keep growing, which the port policy's
 * convergence gate relies on.
 */
public interface AppliedStateStore {
    /**
     * @throws StateStoreException when a stored state exists but cannot be read
     */
    Optional<RoutingState> load();

    /**
     * @throws StateStoreException when the state cannot be stored
     */
    void save(RoutingState state);
}
