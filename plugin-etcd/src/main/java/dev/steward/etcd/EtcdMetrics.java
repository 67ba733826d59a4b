package dev.steward.etcd;

import static java.util.Objects.requireNonNull;

import dev.steward.api.metrics.Metrics;

/** What the etcd source counts and shows, in etcd revisions, under {@code steward_etcd_*}. */
final class EtcdMetrics {
    private final Metrics.CounterMetric fullReads;
    private final Metrics.CounterMetric interruptions;
    private final Metrics.CounterMetric failures;
    private final Metrics.CounterMetric leaseGrants;
    private final Metrics.GaugeMetric revision;
    private final Metrics.GaugeMetric fleetNodes;

    EtcdMetrics(Metrics metrics) {
        requireNonNull(metrics, "metrics is null");
        fullReads = metrics.counter("steward_etcd_full_reads_total",
                "Reads of everything under the prefix, by reason: start, compacted (the watch fell behind a compaction),"
                        + " not-accepted (Steward could not record what it read).",
                "reason");
        interruptions = metrics.counter("steward_etcd_watch_interruptions_total",
                "Watches that ended, by cause: compacted (re-read), disconnected (resumed from the last revision seen).",
                "cause");
        failures = metrics.counter("steward_etcd_failures_total",
                "Calls to etcd that failed or timed out, by operation: read, ack, lease; and deliver: a state"
                        + " Steward could not record (it is read again).", "operation");
        leaseGrants = metrics.counter("steward_etcd_lease_grants_total",
                "Leases granted for this node's acknowledgement: one at start, one after each expiry.");
        revision = metrics.gauge("steward_etcd_revision",
                "etcd revisions, by stage: seen (newest read or watched), delivered (newest routing state handed to"
                        + " the engine), applied and settled (this node's"
                        + " acknowledgement), fleet_applied and fleet_settled (the oldest among the live nodes).",
                "stage");
        fleetNodes = metrics.gauge("steward_etcd_fleet_nodes", "Live nodes: acknowledgement keys under the prefix.");
    }

    void fullRead(String reason) {
        fullReads.increment(reason);
    }

    void interrupted(String cause) {
        interruptions.increment(cause);
    }

    void failed(String operation) {
        failures.increment(operation);
    }

    void leaseGranted() {
        leaseGrants.increment();
    }

    void revision(String stage, long value) {
        revision.set(value, stage);
    }

    void fleet(FleetAcks fleet) {
        fleetNodes.set(fleet.size());
        fleet.applied().ifPresent(applied -> revision.set(applied, "fleet_applied"));
        fleet.settled().ifPresent(settled -> revision.set(settled, "fleet_settled"));
    }
}
