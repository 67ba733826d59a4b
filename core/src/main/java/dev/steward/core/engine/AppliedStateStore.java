package dev.steward.core.engine;

import dev.steward.api.model.RoutingState;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps what the engine must remember across restarts: the last applied routing state, so a
 * restarted Steward serves the same routes (even those that came over HTTP), and how far revisions
 * may have been handed out, so a revision promised to a source (a 202 over HTTP) is never promised
 * again for another state, even after a crash. The port policy's convergence gate relies on both.
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

    /**
     * What each source had delivered for the last applied state: a digest by source and kind, empty
     * when none was stored.
     *
     * @throws StateStoreException when stored digests exist but cannot be read
     */
    Map<String, String> deliveries();

    /**
     * Stores what each source had delivered for the state just stored with {@link #save}.
     *
     * @throws StateStoreException when they cannot be stored
     */
    void saveDeliveries(Map<String, String> deliveries);

    /**
     * @return the highest revision the engine may have handed out; 0 when it never reserved any
     * @throws StateStoreException when a stored reservation exists but cannot be read
     */
    long reservedRevision();

    /**
     * Records, durably before returning, that revisions up to {@code revision} may be handed out.
     *
     * @throws StateStoreException when it cannot be recorded
     */
    void reserveRevisions(long revision);
}
