package dev.steward.haproxy.plan;

import static java.util.Objects.requireNonNull;

import dev.steward.haproxy.slots.SlotPlan;
import java.util.Optional;

/** What runs when a state is to be applied, as the planner takes it. */
public sealed interface Current {
    /** The slots a new plan keeps what it can of: those served, with draining targets still in theirs. */
    SlotPlan before();

    /**
     * No process serves.
     *
     * @param before the slots of the last process that served; none before the first start
     * @param exited how that process ended ({@code "HAProxy spawn 2 (pid 7) had exited with status 137"}); empty
     *     before the first start
     */
    record Idle(SlotPlan before, Optional<String> exited) implements Current {
        public Idle {
            requireNonNull(before, "before is null");
            requireNonNull(exited, "exited is null");
        }
    }

    /**
     * A process serves.
     *
     * @param process the process as the logs name it
     * @param served what it serves
     * @param before its slots with draining targets back in them; for an adopted process, the slots read back
     * @param unreadable why the slots of an adopted process could not be read back
     * @param reloadOwed why an apply forecast to need no reload found it needed one: the next apply reloads
     */
    record Serving(String process, Served served, SlotPlan before, Optional<String> unreadable, Optional<String> reloadOwed)
            implements Current {
        public Serving {
            requireNonNull(process, "process is null");
            requireNonNull(served, "served is null");
            requireNonNull(before, "before is null");
            requireNonNull(unreadable, "unreadable is null");
            requireNonNull(reloadOwed, "reloadOwed is null");
            if (unreadable.isPresent() && !served.adopted()) {
                throw new IllegalArgumentException("only the slots of an adopted process are read back");
            }
        }
    }
}
