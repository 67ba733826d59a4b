package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.ModelRules;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.haproxy.runtime.AdminState;
import dev.steward.haproxy.runtime.ServerState;
import dev.steward.haproxy.runtime.ServersState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The slot plan of an adopted HAProxy, read back from what it reports, so that the allocator keeps
 * each replica in the slot it already has. A slot pointing at a target of the desired state holds that
 * target; a free slot (in maintenance, or at the placeholder address) is free; a slot that still takes
 * requests for an address the state no longer has holds a stand-in target, which then leaves its slot
 * and drains like any replica that left while Steward was away.
 */
public final class AdoptedSlots {
    private static final String STAND_IN = "left.";

    private AdoptedSlots() {}

    /** Pools for the groups of {@code state} that the running HAProxy has, and its fallback pool. */
    public static SlotPlan recover(ServersState running, RoutingState state) {
        requireNonNull(running, "running is null");
        requireNonNull(state, "state is null");
        Map<String, List<ServerState>> byBackend = new HashMap<>();
        running.servers().forEach(server -> byBackend.computeIfAbsent(server.name().backend(), backend -> new ArrayList<>())
                .add(server));
        Map<String, SlotPool> groups = new HashMap<>();
        for (TargetGroup group : state.targetGroups().groups()) {
            List<ServerState> servers = byBackend.getOrDefault(BackendNames.group(group.name()), List.of());
            if (!servers.isEmpty()) {
                groups.put(group.name(), pool(servers, group.targets()));
            }
        }
        return new SlotPlan(groups, pool(byBackend.getOrDefault(BackendNames.FALLBACK, List.of()),
                state.fallbackTargets().targets()));
    }

    private static SlotPool pool(List<ServerState> servers, List<Target> targets) {
        Map<Integer, ServerState> bySlot = new HashMap<>();
        for (ServerState server : servers) {
            OptionalInt number = Slot.numberOf(server.name().server());
            if (number.isPresent()) {
                bySlot.put(number.getAsInt(), server);
            }
        }
        int size = bySlot.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        Set<Target> placed = new HashSet<>();
        Set<String> replicaIds = new HashSet<>();
        targets.forEach(target -> replicaIds.add(target.replicaId()));
        List<Slot> slots = new ArrayList<>(size);
        for (int number = 1; number <= size; number++) {
            Optional<Target> target = Optional.ofNullable(bySlot.get(number))
                    .flatMap(server -> occupant(server, targets, placed, replicaIds));
            target.ifPresent(placed::add);
            slots.add(new Slot(number, target));
        }
        return new SlotPool(slots);
    }

    private static Optional<Target> occupant(ServerState server, List<Target> targets, Set<Target> placed, Set<String> replicaIds) {
        Optional<Target> desired = targets.stream()
                .filter(target -> !placed.contains(target) && Reconciler.pointsAt(server, target))
                .findFirst();
        if (desired.isPresent()) {
            return desired;
        }
        boolean free = server.admin() == AdminState.MAINT
                || server.port() == Slot.PLACEHOLDER_PORT && Reconciler.sameIp(Slot.PLACEHOLDER_HOST, server.address());
        if (free || server.port() < 1 || !ModelRules.isIpLiteral(server.address())) {
            return Optional.empty();
        }
        return Optional.of(new Target(server.address(), server.port(), standIn(server, replicaIds), server.weight()));
    }

    /** A replica id for a target that left, unlike any of the state's in that pool. */
    private static String standIn(ServerState server, Set<String> replicaIds) {
        String id = STAND_IN + server.name().server();
        while (!replicaIds.add(id)) {
            id = id + ".1";
        }
        return id;
    }
}
