package dev.steward.haproxy.plan;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.Balance;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.TargetGroup;
import dev.steward.haproxy.slots.SlotPlan;
import dev.steward.haproxy.slots.SlotPool;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What of HAProxy's configuration only a reload can change: every group with its route, balance,
 * health check and pool size, and the size of the fallback pool. Two states of the same shape render
 * configurations that differ only where the runtime API reaches: the addresses, weights and states of
 * the slots. A part that a later runtime mechanism takes over (a route in a map, a pool that grows by
 * dynamic servers) leaves the shape.
 *
 * @param groups the groups by name
 * @param fallbackSlots the size of the fallback pool
 */
record RoutingShape(Map<String, Group> groups, int fallbackSlots) {
    RoutingShape {
        groups = Map.copyOf(requireNonNull(groups, "groups is null"));
    }

    /** One group's part of the shape. */
    record Group(String routePrefix, Optional<String> routeHost, Balance balance, HealthCheck healthCheck, int slots) {}

    /** @throws IllegalArgumentException when the plan has no pool for a group of the state */
    static RoutingShape of(RoutingState state, SlotPlan plan) {
        requireNonNull(state, "state is null");
        requireNonNull(plan, "plan is null");
        Map<String, Group> groups = new HashMap<>();
        for (TargetGroup group : state.targetGroups().groups()) {
            SlotPool pool = plan.group(group.name())
                    .orElseThrow(() -> new IllegalArgumentException("the plan has no pool for group " + group.name()));
            groups.put(group.name(), new Group(group.routePrefix(), group.routeHost(), group.balance(), group.healthCheck(),
                    pool.size()));
        }
        return new RoutingShape(groups, plan.fallback().size());
    }
}
