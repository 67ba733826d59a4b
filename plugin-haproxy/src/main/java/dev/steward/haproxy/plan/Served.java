package dev.steward.haproxy.plan;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.RoutingState;
import dev.steward.haproxy.slots.SlotPlan;

/**
 * What a serving HAProxy process serves.
 *
 * @param state the newest state it serves; for an adopted process not applied to since, only the revision it was
 *     written down with
 * @param plan the slots it serves
 * @param configuration how Steward knows the configuration it runs
 */
public record Served(RoutingState state, SlotPlan plan, Configuration configuration) {
    public Served {
        requireNonNull(state, "state is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(configuration, "configuration is null");
    }

    /** A process Steward started or applied to: its configuration is what state and plan render. */
    public static Served rendered(RoutingState state, SlotPlan plan) {
        return new Served(state, plan, Configuration.RENDERED);
    }

    /** Whether it was taken over and not applied to since: its slots are read back at the next apply. */
    public boolean adopted() {
        return configuration instanceof Configuration.Adopted;
    }
}
