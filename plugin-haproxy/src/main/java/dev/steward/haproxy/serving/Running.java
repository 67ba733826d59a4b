package dev.steward.haproxy.serving;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.RoutingState;
import dev.steward.haproxy.plan.Served;
import dev.steward.haproxy.process.HaproxyProcess;
import dev.steward.haproxy.slots.SlotPlan;
import java.time.Instant;

/**
 * The process that serves, with what it serves.
 *
 * @param process the process
 * @param served what it serves
 * @param since when it began to serve
 */
public record Running(HaproxyProcess process, Served served, Instant since) {
    public Running {
        requireNonNull(process, "process is null");
        requireNonNull(served, "served is null");
        requireNonNull(since, "since is null");
    }

    public RoutingState state() {
        return served.state();
    }

    public SlotPlan plan() {
        return served.plan();
    }

    public boolean adopted() {
        return served.adopted();
    }

    public boolean alive() {
        return process.isAlive();
    }
}
