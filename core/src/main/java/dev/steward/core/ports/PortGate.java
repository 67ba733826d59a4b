package dev.steward.core.ports;

import static java.util.Objects.requireNonNull;

import dev.steward.api.PortPolicy;
import dev.steward.api.ProxyBackend;
import dev.steward.api.RetiringProcess;
import dev.steward.api.model.RoutingState;
import dev.steward.core.engine.ApplyListener;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the port policy which revision every proxy process now serves. An old process that still
 * finishes connections after a reload routes with the server list it had when it was replaced, so
 * the confirmed revision is the oldest among the current one and those of the retiring processes.
 * It only ever grows.
 */
public final class PortGate implements ApplyListener {
    private static final Logger LOG = LoggerFactory.getLogger(PortGate.class);

    private final PortPolicy policy;
    private final ProxyBackend backend;
    private OptionalLong applied = OptionalLong.empty();
    private long confirmed = -1;

    public PortGate(PortPolicy policy, ProxyBackend backend) {
        this.policy = requireNonNull(policy, "policy is null");
        this.backend = requireNonNull(backend, "backend is null");
    }

    @Override
    public synchronized void applied(RoutingState state) {
        applied = OptionalLong.of(state.revision());
        refresh();
    }

    /** Confirms a newer revision if a retiring process has exited since the last look. */
    public synchronized void refresh() {
        if (applied.isEmpty()) {
            return;
        }
        long gate = applied.getAsLong();
        for (RetiringProcess process : backend.status().retiring()) {
            gate = Math.min(gate, process.revision());
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
}
