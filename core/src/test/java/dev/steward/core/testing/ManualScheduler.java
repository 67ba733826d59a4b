package dev.steward.core.testing;

import static java.util.Objects.requireNonNull;

import dev.steward.core.engine.ApplyScheduler;
import dev.steward.testkit.ManualTime;
import java.time.Duration;

/** The engine's scheduler on a {@link ManualTime}: applies run on the test's thread when the test moves the clock. */
public final class ManualScheduler implements ApplyScheduler {
    private final ManualTime time;
    private boolean shutdown;

    public ManualScheduler(ManualTime time) {
        this.time = requireNonNull(time, "time is null");
    }

    @Override
    public ScheduledApply schedule(Runnable task, Duration delay) {
        if (shutdown) {
            return () -> {};
        }
        Runnable cancel = time.schedule(task, delay);
        return cancel::run;
    }

    @Override
    public void shutdown() {
        shutdown = true;
        time.cancelAll();
    }
}
