package dev.steward.api;

import java.util.OptionalLong;

/**
 * Pushes routing snapshots into Steward, from a file, an HTTP call, a store.
 *
 * <p>A source shared by a fleet of proxy nodes (a distributed store) may also acknowledge what this
 * node serves and report what the whole fleet serves; the defaults suit a source of one node.
 */
public interface BroadcastSource extends AutoCloseable {
    /**
     * Starts delivering. A source that can read its current state at once delivers it before returning,
     * so that the first apply after start serves it.
     */
    void start(BroadcastSink sink);

    /** The proxy now serves {@code revision}; a distributed source may acknowledge it. Must not block. */
    default void applied(long revision) {}

    /**
     * No process of this node's proxy, old ones still finishing connections included, routes with a
     * revision older than {@code revision}: what the port policy is told for this node. A distributed
     * source may share it with the fleet. Must not block.
     */
    default void settled(long revision) {}

    /**
     * The newest local revision that every live node of the fleet has settled at (see {@link #settled}),
     * or 0 while that is not known. Empty when this source knows no fleet. Must not block.
     */
    default OptionalLong fleetSettled() {
        return OptionalLong.empty();
    }

    @Override
    void close();
}
