package dev.steward.core.engine;

import java.time.Duration;

/** Runs the engine's apply tasks, one at a time, after a delay. Tests drive a manual one. */
public interface ApplyScheduler {
    ScheduledApply schedule(Runnable task, Duration delay);

    /** Stops accepting tasks; tasks not started yet never run. */
    void shutdown();

    /** A task that may not have run yet. */
    interface ScheduledApply {
        void cancel();
    }
}
