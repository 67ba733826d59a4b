package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which target sits in which slot, for every group's backend and for the fallback backend.
 *
 * @param groups pools by group name
 * @param fallback the pool of the fallback targets
 */
public record SlotPlan(Map<String, SlotPool> groups, SlotPool fallback) {
    /** No pools at all: what a first plan starts from. */
    public static final SlotPlan NONE = new SlotPlan(Map.of(), SlotPool.NONE);

    public SlotPlan {
        groups = Map.copyOf(requireNonNull(groups, "groups is null"));
        requireNonNull(fallback, "fallback is null");
    }

    public Optional<SlotPool> group(String name) {
        return Optional.ofNullable(groups.get(requireNonNull(name, "name is null")));
    }

    /**
     * The same pools with every slot free: what HAProxy's configuration holds apart from the slots'
     * targets, which the runtime API can change without a reload.
     */
    public SlotPlan vacated() {
        Map<String, SlotPool> empty = new LinkedHashMap<>();
        groups.forEach((name, pool) -> empty.put(name, pool.vacated()));
        return new SlotPlan(empty, fallback.vacated());
    }

    /**
     * Whether both plans have the same pools, each slot pointing at the same address with the same weight or
     * free in both: the same server lines in HAProxy's configuration.
     */
    public boolean sameServers(SlotPlan other) {
        requireNonNull(other, "other is null");
        return groups.keySet().equals(other.groups.keySet())
                && groups.entrySet().stream().allMatch(pool -> pool.getValue().sameServers(other.groups.get(pool.getKey())))
                && fallback.sameServers(other.fallback);
    }

    /** Every pool by the name of its HAProxy backend. */
    public Map<String, SlotPool> byBackend() {
        Map<String, SlotPool> pools = new LinkedHashMap<>();
        groups.forEach((name, pool) -> pools.put(BackendNames.group(name), pool));
        pools.put(BackendNames.FALLBACK, fallback);
        return pools;
    }
}
