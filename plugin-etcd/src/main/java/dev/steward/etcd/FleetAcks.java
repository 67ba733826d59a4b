package dev.steward.etcd;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The acknowledgements of the live nodes of the fleet, as read and watched under {@code <prefix>/acks/}.
 * A node is live while its key exists: the key is bound to the node's lease.
 */
final class FleetAcks {
    private final Map<String, Ack> acks = new ConcurrentHashMap<>();

    void put(String node, Ack ack) {
        acks.put(requireNonNull(node, "node is null"), requireNonNull(ack, "ack is null"));
    }

    void remove(String node) {
        acks.remove(requireNonNull(node, "node is null"));
    }

    /** Replaces everything with what a full read found. */
    void replace(Map<String, Ack> found) {
        acks.keySet().retainAll(found.keySet());
        acks.putAll(found);
    }

    /** The oldest revision every live node serves; empty when no node has acknowledged. */
    OptionalLong applied() {
        return oldest(Ack::applied);
    }

    /** The oldest revision any process of any live node still routes with; empty when no node has acknowledged. */
    OptionalLong settled() {
        return oldest(Ack::settled);
    }

    int size() {
        return acks.size();
    }

    private OptionalLong oldest(ToLongFunction<Ack> revision) {
        return acks.values().stream().mapToLong(revision).min();
    }
}
