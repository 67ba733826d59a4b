package dev.steward.core.testing;

import dev.steward.api.PortPolicy;
import dev.steward.api.model.ModelRules;
import dev.steward.api.ports.NodePorts;
import dev.steward.api.ports.PortLease;
import dev.steward.api.ports.PortRequestException;
import dev.steward.api.ports.PortsExhaustedException;
import dev.steward.api.ports.QuarantinedPort;
import dev.steward.api.ports.ReleaseMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A port policy over a tiny range, without time: released ports stay quarantined. Enough to see the
 * HTTP layer translate every answer and refusal of a policy; the real one is a plugin.
 */
public final class FakePortPolicy implements PortPolicy {
    public static final int FIRST = 20000;
    public static final int LAST = 20002;
    public static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:10Z");

    /** A release as the policy received it. */
    public record Release(String node, int port, ReleaseMode how, long revision) {}

    private final Map<String, Map<Integer, Object>> nodes = new TreeMap<>();
    private final List<Release> releases = new ArrayList<>();

    @Override
    public synchronized PortLease allocate(String node, String owner) {
        requireOwner(owner);
        Map<Integer, Object> ports = portsOf(node);
        for (int port = FIRST; port <= LAST; port++) {
            if (!ports.containsKey(port)) {
                PortLease lease = new PortLease(node, port, owner);
                ports.put(port, lease);
                return lease;
            }
        }
        NodePorts taken = snapshot(node, ports);
        throw new PortsExhaustedException(node, taken.allocated().size(), taken.quarantined().size(), taken.blocked().size());
    }

    @Override
    public synchronized void release(String node, int port, ReleaseMode how, long revision) {
        requireInRange(port);
        Map<Integer, Object> ports = portsOf(node);
        if (!(ports.get(port) instanceof PortLease)) {
            throw new PortRequestException(PortRequestException.Kind.CONFLICT, "port",
                    "port " + port + " is not allocated on node " + node);
        }
        releases.add(new Release(node, port, how, revision));
        ports.put(port, how == ReleaseMode.BLOCK ? how : new QuarantinedPort(port, revision, NOT_BEFORE));
    }

    @Override
    public synchronized PortLease recover(String node, int port, String owner) {
        requireOwner(owner);
        requireInRange(port);
        PortLease lease = new PortLease(node, port, owner);
        portsOf(node).put(port, lease);
        return lease;
    }

    @Override
    public void applied(long revision) {}

    @Override
    public synchronized NodePorts ports(String node) {
        return snapshot(node, portsOf(node));
    }

    @Override
    public void close() {}

    public synchronized List<Release> releases() {
        return List.copyOf(releases);
    }

    private Map<Integer, Object> portsOf(String node) {
        return nodes.computeIfAbsent(node, ignored -> new TreeMap<>());
    }

    private static NodePorts snapshot(String node, Map<Integer, Object> ports) {
        List<PortLease> allocated = new ArrayList<>();
        List<QuarantinedPort> quarantined = new ArrayList<>();
        List<Integer> blocked = new ArrayList<>();
        ports.forEach((port, state) -> {
            switch (state) {
                case PortLease lease -> allocated.add(lease);
                case QuarantinedPort held -> quarantined.add(held);
                default -> blocked.add(port);
            }
        });
        return new NodePorts(node, allocated, quarantined, blocked);
    }

    private static void requireOwner(String owner) {
        if (!ModelRules.isName(owner)) {
            throw new PortRequestException(PortRequestException.Kind.INVALID, "owner",
                    "must match " + ModelRules.NAME_PATTERN + ", found " + ModelRules.quote(owner));
        }
    }

    private static void requireInRange(int port) {
        if (port < FIRST || port > LAST) {
            throw new PortRequestException(PortRequestException.Kind.INVALID, "port",
                    "must be in the range " + FIRST + "-" + LAST + ", found " + port);
        }
    }
}
