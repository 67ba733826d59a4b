package dev.steward.portquarantine;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the policy knows: the non-free ports of every replica node and the newest revision the
 * proxies confirmed. Immutable, so a change that cannot be persisted is simply not adopted.
 *
 * @param appliedRevision the newest revision every proxy serves, or {@link #NOTHING_APPLIED}
 */
record PortBook(Map<String, NodeState> nodes, long appliedRevision) {
    /** No confirmation yet: even revision 0 may not be served, a proxy from an earlier run may be adopted. */
    static final long NOTHING_APPLIED = -1;
    static final PortBook EMPTY = new PortBook(Map.of(), NOTHING_APPLIED);

    PortBook {
        nodes = Map.copyOf(requireNonNull(nodes, "nodes is null"));
        if (appliedRevision < NOTHING_APPLIED) {
            throw new IllegalArgumentException("appliedRevision must be >= -1, found " + appliedRevision);
        }
    }

    NodeState node(String name) {
        return nodes.getOrDefault(name, NodeState.EMPTY);
    }

    /**
     * This book with a node's new state. A node is forgotten only once all its ports are free, so a
     * node whose last replica is gone keeps its quarantines and blocks.
     */
    PortBook with(String name, NodeState state) {
        Map<String, NodeState> changed = new HashMap<>(nodes);
        if (state.isEmpty()) {
            changed.remove(name);
        } else {
            changed.put(name, state);
        }
        return new PortBook(changed, appliedRevision);
    }

    PortBook withAppliedRevision(long revision) {
        return new PortBook(nodes, revision);
    }

    SortedMap<String, NodeState> sortedNodes() {
        return new TreeMap<>(nodes);
    }
}
