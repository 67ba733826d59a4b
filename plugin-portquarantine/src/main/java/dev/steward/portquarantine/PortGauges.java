package dev.steward.portquarantine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.Metrics;

/** The gauge {@code steward_ports{node,state}}. */
final class PortGauges {
    private final Metrics.GaugeMetric gauge;

    PortGauges(Metrics metrics) {
        this.gauge = requireNonNull(metrics, "metrics is null")
                .gauge("steward_ports", "Replica ports of a node that are not free, by state.", "node", "state");
    }

    void show(PortBook book) {
        book.nodes().forEach(this::show);
    }

    /** Called for every node a change touched, also once it has no port left, so that it drops to 0. */
    void show(String node, NodeState state) {
        NodeState.Counts counts = state.counts();
        gauge.set(counts.allocated(), node, "allocated");
        gauge.set(counts.quarantined(), node, "quarantined");
        gauge.set(counts.blocked(), node, "blocked");
    }
}
