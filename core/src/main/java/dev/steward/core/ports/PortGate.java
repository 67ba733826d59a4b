package dev.steward.core.ports;

import static java.util.Objects.requireNonNull;

import dev.steward.api.PortPolicy;
import dev.steward.api.ProxyBackend;
import dev.steward.api.metrics.Metrics;
import dev.steward.api.model.RoutingState;
import dev.steward.api.source.FleetView;
import dev.steward.core.config.PortGateScope;
import dev.steward.core.engine.ApplyListener;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the port policy which revision every proxy process now serves. An old process that still
 * finishes connections after a reload routes with the server list it had when it was replaced, and a
 * removed target still drains in the serving process, so this node has settled at the oldest among
 * the current revision, those of the retiring processes and the one before the oldest drain's
 * removal; the sources hear of it, so that a source shared by a fleet can share it. With the
 * {@link PortGateScope#FLEET fleet} scope the policy is told the smaller of that and the revision
 * every live node of the fleet has settled at. What the policy is told only ever grows.
 */
public final class PortGate implements ApplyListener {
    private static final Logger LOG = LoggerFactory.getLogger(PortGate.class);

    private final PortPolicy policy;
    private final ProxyBackend backend;
    private final PortGateScope scope;
    private final List<FleetView> sources;
    private final Metrics.GaugeMetric settledGauge;
    private OptionalLong applied = OptionalLong.empty();
    private long settled = -1;
    private long confirmed = -1;

    /**
     * @param sources told where this node settled; those that know a fleet report where it settled
     */
    public PortGate(PortPolicy policy, ProxyBackend backend, PortGateScope scope, List<FleetView> sources,
            Metrics metrics) {
        this.policy = requireNonNull(policy, "policy is null");
        this.backend = requireNonNull(backend, "backend is null");
        this.scope = requireNonNull(scope, "scope is null");
        this.sources = List.copyOf(requireNonNull(sources, "sources is null"));
        this.settledGauge = requireNonNull(metrics, "metrics is null").gauge("steward_settled_revision",
                "The newest revision that no proxy process of this node (scope node) or of any live node of the fleet"
                        + " (scope fleet) routes anything older than.", "scope");
    }

    @Override
    public synchronized void applied(RoutingState state) {
        applied = OptionalLong.of(state.revision());
        refresh();
    }

    /** Looks again: a retiring process may have exited, the fleet may have moved, since the last look. */
    public synchronized void refresh() {
        if (applied.isEmpty()) {
            return;
        }
        long local = applied.getAsLong();
        OptionalLong routed = backend.oldestRoutedRevision();
        if (routed.isPresent()) {
            local = Math.min(local, routed.getAsLong());
        }
        if (local > settled) {
            settled = local;
            settledGauge.set(local, PortGateScope.NODE.label());
            tellSources(local);
        }
        long gate = local;
        OptionalLong fleet = fleetSettled();
        if (fleet.isPresent()) {
            settledGauge.set(fleet.getAsLong(), PortGateScope.FLEET.label());
            if (scope == PortGateScope.FLEET) {
                gate = Math.min(gate, fleet.getAsLong());
            }
        }
        if (gate > confirmed) {
            try {
                policy.applied(gate);
                confirmed = gate;
            } catch (RuntimeException problem) {
                LOG.warn("the port policy could not record revision {} as served; released ports stay held: {}", gate,
                        problem.getMessage());
            }
        }
    }

    /** The newest revision confirmed to the policy; -1 before the first. */
    public synchronized long confirmed() {
        return confirmed;
    }

    /** The oldest revision the fleet-aware sources report; 0 under the fleet scope when none has reported. */
    private OptionalLong fleetSettled() {
        OptionalLong oldest = OptionalLong.empty();
        for (FleetView source : sources) {
            OptionalLong reported = source.fleetSettled();
            if (reported.isPresent() && (oldest.isEmpty() || reported.getAsLong() < oldest.getAsLong())) {
                oldest = reported;
            }
        }
        return oldest.isPresent() || scope == PortGateScope.NODE ? oldest : OptionalLong.of(0);
    }

    private void tellSources(long revision) {
        for (FleetView source : sources) {
            try {
                source.settled(revision);
            } catch (RuntimeException problem) {
                LOG.warn("a broadcast source failed to take note that this node settled at revision {}", revision, problem);
            }
        }
    }
}
