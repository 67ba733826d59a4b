package dev.steward.haproxy.plan;

import static java.util.Objects.requireNonNull;

import dev.steward.api.proxy.ApplyForecast;
import dev.steward.haproxy.slots.SlotPlan;

/** What an apply of a state takes: the running process set through the runtime API, or a new process. */
public sealed interface ApplyPlan {
    /** The slots the state is served with. */
    SlotPlan plan();

    /** What the engine is told before the apply. */
    ApplyForecast forecast();

    /**
     * The running process takes the state: its slots move from {@code before} to {@code plan}.
     *
     * @param before as {@link Current#before()}: where the slots are, draining targets included
     * @param rewritesConfig whether the configuration file the process would restart on must be rewritten to hold
     *     the new slots
     */
    record Runtime(SlotPlan before, SlotPlan plan, boolean rewritesConfig) implements ApplyPlan {
        public Runtime {
            requireNonNull(before, "before is null");
            requireNonNull(plan, "plan is null");
        }

        @Override
        public ApplyForecast forecast() {
            return ApplyForecast.runtime();
        }
    }

    /**
     * A new process serves the state.
     *
     * @param reason why, for the log and the outcome
     */
    record Reload(SlotPlan plan, String reason) implements ApplyPlan {
        public Reload {
            requireNonNull(plan, "plan is null");
            requireNonNull(reason, "reason is null");
        }

        @Override
        public ApplyForecast forecast() {
            return ApplyForecast.reload(reason);
        }
    }
}
