package dev.steward.core.ports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.BackendStatus;
import dev.steward.api.NodePorts;
import dev.steward.api.PortLease;
import dev.steward.api.PortPolicy;
import dev.steward.api.ReleaseMode;
import dev.steward.api.RetiringProcess;
import dev.steward.api.model.RoutingState;
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
    private List<RetiringProcess> retiring = List.of();
    private final RecordingBackend backend = new RecordingBackend() {
        @Override
        public BackendStatus status() {
            return new BackendStatus(OptionalLong.of(2), 2, 0, Optional.empty(), retiring, "serving");
        }
    };

    private static RoutingState revision(long revision) {
        return new RoutingState(revision, RoutingState.EMPTY.targetGroups(), RoutingState.EMPTY.fallbackTargets());
    }

    @Test
    void confirmsTheAppliedRevisionWhenNoOldProcessRemains() {
        PortGate gate = new PortGate(policy, backend);
        gate.applied(revision(5));
        assertThat(confirmed).containsExactly(5L);
    }

    @Test
    void anOldProcessHoldsTheGateAtTheRevisionItStillRoutesUntilItExits() {
        PortGate gate = new PortGate(policy, backend);
        retiring = List.of(new RetiringProcess(1, 3, Instant.EPOCH));

        gate.applied(revision(5));
        assertThat(confirmed).containsExactly(3L);

        retiring = List.of();
        gate.refresh();
        assertThat(confirmed).containsExactly(3L, 5L);
    }

    @Test
    void neverConfirmsBeforeTheFirstApplyNorTheSameRevisionTwice() {
        PortGate gate = new PortGate(policy, backend);
        gate.refresh();
        gate.applied(revision(2));
        gate.refresh();
        assertThat(confirmed).containsExactly(2L);
    }
}
