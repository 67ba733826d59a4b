package dev.steward.portquarantine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ports.NodePorts;
import dev.steward.api.ports.PortLease;
import dev.steward.api.ports.QuarantinedPort;
import dev.steward.portquarantine.PortState.Allocated;
import dev.steward.portquarantine.PortState.Blocked;
import dev.steward.portquarantine.PortState.Quarantined;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/** The ports of one replica node that are not free; a port absent from the map is free. */
record NodeState(Map<Integer, PortState> ports) {
    static final NodeState EMPTY = new NodeState(Map.of());

    NodeState {
        ports = Map.copyOf(requireNonNull(ports, "ports is null"));
    }

    Optional<PortState> state(int port) {
        return Optional.ofNullable(ports.get(port));
    }

    boolean isAllocated(int port) {
        return ports.get(port) instanceof Allocated;
    }

    NodeState with(int port, PortState state) {
        Map<Integer, PortState> changed = new HashMap<>(ports);
        changed.put(port, requireNonNull(state, "state is null"));
        return new NodeState(changed);
    }

    NodeState without(Iterable<Integer> freed) {
        Map<Integer, PortState> changed = new HashMap<>(ports);
        freed.forEach(changed::remove);
        return new NodeState(changed);
    }

    OptionalInt lowestFree(PortRange range) {
        return range.lowest(ports::containsKey);
    }

    /** The quarantined ports that may go back to the pool now. */
    Due due(long nowNanos, long appliedRevision) {
        List<Integer> returning = new ArrayList<>();
        SortedMap<Integer, Quarantined> atCap = new TreeMap<>();
        ports.forEach((port, state) -> {
            if (state instanceof Quarantined quarantined) {
                switch (quarantined.verdict(nowNanos, appliedRevision)) {
                    case HOLD -> { }
                    case RETURN -> returning.add(port);
                    case RETURN_AT_CAP -> {
                        returning.add(port);
                        atCap.put(port, quarantined);
                    }
                }
            }
        });
        return new Due(List.copyOf(returning), atCap);
    }

    /** What {@code ports(node)} answers: each state in port order, a quarantine's end on the wall clock. */
    NodePorts view(String node, long nowNanos, Instant wallNow) {
        List<PortLease> allocated = new ArrayList<>();
        List<QuarantinedPort> quarantined = new ArrayList<>();
        List<Integer> blocked = new ArrayList<>();
        sorted().forEach((port, state) -> {
            switch (state) {
                case Allocated held -> allocated.add(new PortLease(node, port, held.owner()));
                case Quarantined held -> quarantined.add(
                        new QuarantinedPort(port, held.releasedRevision(), wallNow.plusNanos(held.windowLeftNanos(nowNanos))));
                case Blocked ignored -> blocked.add(port);
            }
        });
        return new NodePorts(node, allocated, quarantined, blocked);
    }

    /** A port's state in words, for messages. */
    String describe(int port) {
        return switch (ports.get(port)) {
            case null -> "free";
            case Allocated ignored -> "allocated";
            case Quarantined ignored -> "quarantined";
            case Blocked ignored -> "blocked";
        };
    }

    /** The ports in port order, for output that people and diffs read. */
    SortedMap<Integer, PortState> sorted() {
        return new TreeMap<>(ports);
    }

    Counts counts() {
        int allocated = 0;
        int quarantined = 0;
        int blocked = 0;
        for (PortState state : ports.values()) {
            switch (state) {
                case Allocated ignored -> allocated++;
                case Quarantined ignored -> quarantined++;
                case Blocked ignored -> blocked++;
            }
        }
        return new Counts(allocated, quarantined, blocked);
    }

    boolean isEmpty() {
        return ports.isEmpty();
    }

    record Counts(int allocated, int quarantined, int blocked) {}

    /**
     * @param returning every port that may return
     * @param atCap those among them that return only because the cap passed, with their quarantine
     */
    record Due(List<Integer> returning, SortedMap<Integer, Quarantined> atCap) {}
}
