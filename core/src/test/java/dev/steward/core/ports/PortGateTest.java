package dev.steward.core.ports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.PortPolicy;
import dev.steward.api.model.RoutingState;
import dev.steward.api.ports.NodePorts;
import dev.steward.api.ports.PortLease;
import dev.steward.api.ports.ReleaseMode;
import dev.steward.api.source.FleetView;
import dev.steward.core.config.PortGateScope;
import dev.steward.core.metrics.PrometheusMetrics;
import dev.steward.core.testing.RecordingBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PortGateTest {
    private final List<Long> confirmed = new ArrayList<>();
    private final PortPolicy policy = new PortPolicy() {
        @Override
        public PortLease allocate(String node, String owner) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(String node, int port, ReleaseMode how, long revision) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PortLease recover(String node, int port, String owner) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void applied(long revision) {
            confirmed.add(revision);
        }

        @Override
        public NodePorts ports(String node) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    };
    private OptionalLong draining = OptionalLong.empty();
    private final RecordingBackend backend = new RecordingBackend() {
        @Override
        public OptionalLong oldestRoutedRevision() {
            return draining;
        }
    };

    private final List<Long> settled = new ArrayList<>();
    private OptionalLong fleet = OptionalLong.of(0);
    private final FleetView fleetSource = new FleetView() {
        @Override
        public void settled(long revision) {
            settled.add(revision);
        }

        @Override
        public OptionalLong fleetSettled() {
            return fleet;
        }
    };

    private PortGate gate(PortGateScope scope) {
        return new PortGate(policy, backend, scope, List.of(fleetSource), new PrometheusMetrics());
    }

    private static RoutingState revision(long revision) {
        return new RoutingState(revision, RoutingState.EMPTY.targetGroups(), RoutingState.EMPTY.fallbackTargets());
    }

    @Test
    void confirmsTheAppliedRevisionWhenNoOldProcessRemains() {
        PortGate gate = gate(PortGateScope.NODE);
        gate.applied(revision(5));
        assertThat(confirmed).containsExactly(5L);
    }

    @Test
    void aTargetStillDrainingHoldsTheGateBeforeTheRevisionThatRemovedItUntilItsDrainEnds() {
        PortGate gate = gate(PortGateScope.NODE);
        draining = OptionalLong.of(3);

        gate.applied(revision(5));
        assertThat(confirmed).containsExactly(3L);

        draining = OptionalLong.empty();
        gate.refresh();
        assertThat(confirmed).containsExactly(3L, 5L);
    }

    @Test
    void neverConfirmsBeforeTheFirstApplyNorTheSameRevisionTwice() {
        PortGate gate = gate(PortGateScope.NODE);
        gate.refresh();
        gate.applied(revision(2));
        gate.refresh();
        assertThat(confirmed).containsExactly(2L);
    }

    @Test
    void sourcesHearWhereThisNodeSettledEachTimeItMovesOn() {
        PortGate gate = gate(PortGateScope.NODE);
        draining = OptionalLong.of(3);
        gate.applied(revision(5));
        gate.refresh();

        draining = OptionalLong.empty();
        gate.refresh();

        assertThat(settled).containsExactly(3L, 5L);
    }

    @Test
    void theNodeScopeConfirmsWhatThisNodeServesWhateverTheFleetSays() {
        PortGate gate = gate(PortGateScope.NODE);
        fleet = OptionalLong.of(1);
        gate.applied(revision(5));
        assertThat(confirmed).containsExactly(5L);
    }

    @Test
    void theFleetScopeConfirmsOnlyWhatEveryLiveNodeSettledAt() {
        PortGate gate = gate(PortGateScope.FLEET);
        fleet = OptionalLong.of(0);
        gate.applied(revision(5));
        assertThat(confirmed).containsExactly(0L);

        fleet = OptionalLong.of(4);
        gate.refresh();
        fleet = OptionalLong.of(7);
        gate.refresh();

        assertThat(confirmed).as("never beyond what this node serves").containsExactly(0L, 4L, 5L);
    }

    @Test
    void theFleetScopeWithoutAFleetReportConfirmsNothingNew() {
        fleet = OptionalLong.empty();
        PortGate gate = gate(PortGateScope.FLEET);
        gate.applied(revision(5));
        assertThat(confirmed).containsExactly(0L);
    }
}
