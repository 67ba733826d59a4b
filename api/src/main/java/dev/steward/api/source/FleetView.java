package dev.steward.api.source;

import java.util.OptionalLong;

/**
 * What a source shared by a fleet of proxy nodes (a distributed store) knows of the fleet: where this
 * node settled, shared with the others, and where all of them settled. The port gate's fleet scope
 * needs one. Both calls must not block.
 */
public interface FleetView {
    /**
     * No process of this node's proxy, old ones still finishing connections included, routes with a
     * revision older than {@code revision}: share it with the fleet.
     */
    void settled(long revision);

    /**
     * The newest local revision that every live node of the fleet has settled at (see {@link #settled}),
     * or 0 while that is not known.
     */
    OptionalLong fleetSettled();
}
