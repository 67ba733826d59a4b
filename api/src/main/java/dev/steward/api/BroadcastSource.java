package dev.steward.api;

import dev.steward.api.source.FleetView;
import java.util.Optional;

/** Pushes routing snapshots into Steward, from a file, an HTTP call, a store. */
public interface BroadcastSource extends AutoCloseable {
    /**
     * Starts delivering. A source that can read its current state at once delivers it before returning,
     * so that the first apply after start serves it.
     */
    void start(BroadcastSink sink);

    /** The proxy now serves {@code revision}; a distributed source may acknowledge it. Must not block. */
    default void applied(long revision) {}

    /** What this source knows of a fleet of proxy nodes; empty for a source of one node. */
    default Optional<FleetView> fleet() {
        return Optional.empty();
    }

    @Override
    void close();
}
