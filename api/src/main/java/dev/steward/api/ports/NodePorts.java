package dev.steward.api.ports;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The ports of one replica node that are not free. */
public record NodePorts(String node, List<PortLease> allocated, List<QuarantinedPort> quarantined, List<Integer> blocked) {
    public NodePorts {
        requireNonNull(node, "node is null");
        allocated = List.copyOf(requireNonNull(allocated, "allocated is null"));
        quarantined = List.copyOf(requireNonNull(quarantined, "quarantined is null"));
        blocked = List.copyOf(requireNonNull(blocked, "blocked is null"));
    }
}
