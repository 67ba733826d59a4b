package dev.steward.api.ports;

import static java.util.Objects.requireNonNull;

/** A port handed to a replica on a replica node. */
public record PortLease(String node, int port, String owner) {
    public PortLease {
        requireNonNull(node, "node is null");
        requireNonNull(owner, "owner is null");
    }
}
