package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.haproxy.runtime.ServerName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every slot of a plan as the running HAProxy should have it, draining slots included. */
public final class DesiredServers {
    private DesiredServers() {}

    /** @param draining the targets draining, by the free slot of {@code plan} that drains them */
    static List<DesiredServer> of(RoutingState state, SlotPlan plan, Map<ServerName, Target> draining) {
        requireNonNull(state, "state is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(draining, "draining is null");
        List<DesiredServer> servers = new ArrayList<>();
        for (TargetGroup group : state.targetGroups().groups()) {
            SlotPool pool = plan.group(group.name())
                    .orElseThrow(() -> new IllegalArgumentException("the plan has no pool for group " + group.name()));
            add(servers, BackendNames.group(group.name()), pool, group.healthCheck().path().isPresent(), draining);
        }
        // The fallback backend checks by TCP connect only: a fallback target takes requests at once.
        add(servers, BackendNames.FALLBACK, plan.fallback(), false, draining);
        return servers;
    }

    private static void add(List<DesiredServer> servers, String backend, SlotPool pool, boolean proveBeforeServing,
            Map<ServerName, Target> draining) {
        for (Slot slot : pool.slots()) {
            ServerName name = slot.in(backend);
            if (slot.target().isPresent()) {
                servers.add(new DesiredServer(name, DesiredServer.Role.SERVING, slot.target(), proveBeforeServing));
            } else {
                servers.add(Optional.ofNullable(draining.get(name))
                        .map(target -> new DesiredServer(name, DesiredServer.Role.DRAINING, Optional.of(target), proveBeforeServing))
                        .orElseGet(() -> new DesiredServer(name, DesiredServer.Role.FREE, Optional.empty(), proveBeforeServing)));
            }
        }
    }
}
