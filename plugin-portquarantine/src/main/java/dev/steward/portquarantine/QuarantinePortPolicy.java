package dev.steward.portquarantine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.PortPolicy;
import dev.steward.api.ports.HoldLimit;
import dev.steward.api.ports.NodePorts;
import dev.steward.api.ports.PortLease;
import dev.steward.api.ports.PortRequestException;
import dev.steward.api.ports.PortRequestException.Kind;
import dev.steward.api.ports.PortsExhaustedException;
import dev.steward.api.ports.ReleaseMode;
import dev.steward.api.time.TimeSource;
import dev.steward.portquarantine.PortState.Allocated;
import dev.steward.portquarantine.PortState.Blocked;
import dev.steward.portquarantine.PortState.Quarantined;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out the lowest free port of a node and holds released ports until their window has passed
 * and the proxies confirmed a revision that no longer routes to them. Quarantines end lazily, on
 * the next allocation on their node or look at its ports: there is no timer thread. Every change is saved before it is
 * adopted, and one lock orders changes with their saves.
 */
final class QuarantinePortPolicy implements PortPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantinePortPolicy.class);

    private final QuarantineSettings settings;
    private final TimeSource time;
    private final StateFile stateFile;
    private final PortMetrics metrics;
    private final Object lock = new Object();
    private PortBook book;

    QuarantinePortPolicy(QuarantineSettings settings, TimeSource time, StateFile stateFile, PortMetrics metrics, PortBook loaded) {
        this.settings = requireNonNull(settings, "settings is null");
        this.time = requireNonNull(time, "time is null");
        this.stateFile = requireNonNull(stateFile, "stateFile is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.book = requireNonNull(loaded, "loaded is null");
        metrics.show(loaded);
    }

    @Override
    public PortLease allocate(String node, String owner) {
        PortRequests.requireName("node", node);
        PortRequests.requireName("owner", owner);
        synchronized (lock) {
            long now = time.monotonicNanos();
            NodeState current = book.node(node);
            NodeState.Due due = current.due(now, confirmedRevision());
            NodeState available = current.without(due.returning());
            OptionalInt port = available.lowestFree(settings.range());
            if (port.isEmpty()) {
                NodeState.Counts counts = available.counts();
                throw new PortsExhaustedException(node, counts.allocated(), counts.quarantined(), counts.blocked());
            }
            commit(node, available.with(port.getAsInt(), new Allocated(owner)), now);
            warnReturnedAtCap(node, due);
            return new PortLease(node, port.getAsInt(), owner);
        }
    }

    @Override
    public void release(String node, int port, ReleaseMode how, long revision) {
        PortRequests.requireName("node", node);
        PortRequests.requireInRange(settings.range(), port);
        requireNonNull(how, "how is null");
        PortRequests.requireRevision(revision);
        synchronized (lock) {
            NodeState current = book.node(node);
            if (!current.isAllocated(port)) {
                throw new PortRequestException(Kind.CONFLICT, "port",
                        "port " + port + " is not allocated on node " + node + ", it is " + current.describe(port));
            }
            long now = time.monotonicNanos();
            NodeState released = switch (how) {
                case BLOCK -> current.with(port, new Blocked());
                case QUARANTINE -> settings.quarantines()
                        ? current.with(port, new Quarantined(revision, now + settings.window().toNanos(), now + settings.cap().toNanos()))
                        : current.without(List.of(port));
            };
            commit(node, released, now);
        }
    }

    @Override
    public PortLease recover(String node, int port, String owner) {
        PortRequests.requireName("node", node);
        PortRequests.requireInRange(settings.range(), port);
        PortRequests.requireName("owner", owner);
        synchronized (lock) {
            NodeState current = book.node(node);
            PortLease lease = new PortLease(node, port, owner);
            Optional<PortState> state = current.state(port);
            if (state.isPresent()) {
                switch (state.get()) {
                    case Allocated allocated when allocated.owner().equals(owner) -> {
                        return lease;
                    }
                    case Allocated allocated -> throw new PortRequestException(Kind.CONFLICT, "port",
                            "port " + port + " on node " + node + " is allocated to " + allocated.owner());
                    case Blocked ignored -> throw new PortRequestException(Kind.CONFLICT, "port",
                            "port " + port + " on node " + node + " is blocked");
                    // In use whatever the book says: holding it as allocated keeps it from anyone else, and
                    // its next release quarantines it again at a newer revision.
                    case Quarantined ignored -> { }
                }
            }
            commit(node, current.with(port, new Allocated(owner)), time.monotonicNanos());
            if (state.isPresent() && state.get() instanceof Quarantined quarantined) {
                LOG.warn("port {} on node {} was quarantined since revision {} and is found in use by {}: it is allocated"
                        + " to {} now", port, node, quarantined.releasedRevision(), owner, owner);
            }
            return lease;
        }
    }

    @Override
    public void applied(long revision) {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must be >= 0, found " + revision);
        }
        synchronized (lock) {
            // Confirmations may arrive out of order; an older one says nothing new.
            if (revision > book.appliedRevision()) {
                PortBook next = book.withAppliedRevision(revision);
                stateFile.save(next, time.monotonicNanos());
                book = next;
            }
        }
    }

    @Override
    public NodePorts ports(String node) {
        PortRequests.requireName("node", node);
        synchronized (lock) {
            long now = time.monotonicNanos();
            NodeState current = book.node(node);
            // A look at the node ends its quarantines that are due, as an allocation does: what it shows,
            // and the gauge, are then true of the ports an allocation could take.
            NodeState.Due due = current.due(now, confirmedRevision());
            if (!due.returning().isEmpty()) {
                commit(node, current.without(due.returning()), now);
                warnReturnedAtCap(node, due);
            }
            return book.node(node).view(node, now, time.wallTime());
        }
    }

    /** Nothing to flush: every change is on disk before it is adopted. */
    @Override
    public Optional<HoldLimit> holdLimit() {
        return settings.holdLimit();
    }

    @Override
    public void close() {}

    /** What the proxies confirmed; without the gate every release counts as confirmed, so the window alone decides. */
    private long confirmedRevision() {
        return settings.convergenceGate() ? book.appliedRevision() : Long.MAX_VALUE;
    }

    private void commit(String node, NodeState state, long now) {
        PortBook next = book.with(node, state);
        stateFile.save(next, now);
        book = next;
        metrics.show(node, state);
    }

    /** Counts and explains each port of {@code due} that returned at the cap; call once the return is committed. */
    private void warnReturnedAtCap(String node, NodeState.Due due) {
        long applied = book.appliedRevision();
        due.atCap().forEach((port, quarantine) -> {
            metrics.returnedAtCap(node);
            LOG.warn("port {} on node {} returns from quarantine at the cap of {}: it was still held because the proxies"
                            + " had not confirmed revision {}, at which it was released (newest confirmed: {}); a proxy"
                            + " may still route to it",
                    port, node, settings.cap(), quarantine.releasedRevision(),
                    applied == PortBook.NOTHING_APPLIED ? "none" : applied);
        });
    }
}
