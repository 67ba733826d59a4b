package dev.steward.haproxy.apply;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.RoutingState;
import dev.steward.haproxy.plan.Current;
import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.haproxy.runtime.RuntimeApiException;
import dev.steward.haproxy.runtime.ServersState;
import dev.steward.haproxy.serving.Processes;
import dev.steward.haproxy.serving.Running;
import dev.steward.haproxy.slots.AdoptedSlots;
import dev.steward.haproxy.slots.SlotPlan;
import dev.steward.haproxy.slots.SlotSync;
import java.util.Optional;

/**
 * Finds what runs, as the planner takes it, just before a forecast or an apply: drains that ended
 * are returned to their pools first, those of a process that exited are forgotten, and the slots of
 * an adopted process are read back so that each replica keeps the slot it has.
 */
final class Survey {
    private final Processes processes;
    private final SlotSync slots;
    private final RuntimeApi api;

    Survey(Processes processes, SlotSync slots, RuntimeApi api) {
        this.processes = requireNonNull(processes, "processes is null");
        this.slots = requireNonNull(slots, "slots is null");
        this.api = requireNonNull(api, "api is null");
    }

    /**
     * What runs.
     *
     * @param current as the planner takes it
     * @param serving the process that serves, when one does
     */
    record Found(Current current, Optional<Running> serving) {}

    /** @param reloadOwed why an earlier apply found the serving process cannot take its state after all */
    Found find(RoutingState next, Optional<String> reloadOwed) {
        Optional<Running> last = processes.last();
        Optional<Running> serving = last.filter(Running::alive);
        if (serving.isEmpty()) {
            slots.forgetDrains();
            return new Found(new Current.Idle(last.map(Running::plan).orElse(SlotPlan.NONE),
                    last.map(dead -> dead.process().describe() + " had " + dead.process().exitDescription())), serving);
        }
        Running current = serving.get();
        slots.completeDrains(current.state(), current.plan());
        SlotPlan before = slots.withDrains(current.plan());
        Optional<String> unreadable = Optional.empty();
        if (current.adopted()) {
            try {
                before = AdoptedSlots.recover(ServersState.parse(api.showServersState()), next);
            } catch (RuntimeApiException failure) {
                unreadable = Optional.of(failure.getMessage());
            }
        }
        return new Found(new Current.Serving(current.process().describe(), current.served(), before, unreadable, reloadOwed),
                serving);
    }
}
