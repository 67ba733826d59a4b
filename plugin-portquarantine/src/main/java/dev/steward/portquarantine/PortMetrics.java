package dev.steward.portquarantine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.metrics.Metrics;

/** The gauge {@code steward_ports{node,state}} and the counter of ports that returned at the cap. */
final class PortMetrics {
    private final Metrics.GaugeMetric gauge;
    private final Metrics.CounterMetric returnedAtCap;

    PortMetrics(Metrics metrics) {
        requireNonNull(metrics, "metrics is null");
        this.gauge = metrics.gauge("steward_ports", "Replica ports of a node that are not free, by state.", "node", "state");
        this.returnedAtCap = metrics.counter("steward_ports_returned_at_cap_total",
                "Quarantined ports that returned because port-quarantine.cap passed, before the proxies confirmed a"
                        + " revision without them: a proxy may still have routed to them.", "node");
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
        returnedAtCap.initialize(node);
    }

    void returnedAtCap(String node) {
        returnedAtCap.increment(node);
    }
}
