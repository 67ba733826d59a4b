package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import dev.steward.core.config.CoalesceSettings;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * When the next apply runs — the state machine of the coalescing contract. At most one run is
 * pending. A broadcast arms a check at once: the engine asks the backend whether the state needs a
 * reload, applies it at once if not, and otherwise holds it for the window, which starts when the
 * oldest state not yet applied was accepted and also keeps a window after the last reload, so a
 * storm gets at most one reload per window. A failure arms a retry; a broadcast is absorbed by a
 * pending run, and ends a pending retry only when it changes what failed. Not thread-safe: the
 * engine calls it under its lock; runs happen on the scheduler, one at a time.
 */
final class Coalescer {
    /** What a pending run does when it fires. */
    enum Run {
        /** Asks the backend first: applies at once what needs no reload, holds the rest for the window. */
        CHECK,
        /** Applies. */
        APPLY
    }

    private final ApplyScheduler scheduler;
    private final CoalesceSettings settings;
    private final Consumer<Run> runner;
    private ApplyScheduler.ScheduledApply pending;
    private boolean pendingIsRetry;

    Coalescer(ApplyScheduler scheduler, CoalesceSettings settings, Consumer<Run> runner) {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.runner = requireNonNull(runner, "runner is null");
    }

    /** The first state after start is applied at once. */
    void start() {
        arm(Run.APPLY, Duration.ZERO, false);
    }

    /**
     * @param changesWhatFailed whether the broadcast changes what the failing applies could not serve
     * @return whether a pending run absorbed the broadcast
     */
    boolean broadcast(boolean changesWhatFailed) {
        if (pending != null && !(pendingIsRetry && changesWhatFailed)) {
            return true;
        }
        cancel();
        arm(Run.CHECK, Duration.ZERO, false);
        return false;
    }

    /** The pending run started. */
    void fired() {
        pending = null;
    }

    /** A state that needs a reload waits for its window; a run already pending takes it. */
    void holdForReload(Duration delay) {
        if (pending == null) {
            arm(Run.APPLY, delay, false);
        }
    }

    /** After a failure: a run armed meanwhile by a broadcast that does not change what failed gives way to the retry. */
    void retry(Duration delay, boolean keepPending) {
        if (pending != null && keepPending) {
            return;
        }
        cancel();
        arm(Run.APPLY, delay, true);
    }

    void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    /**
     * How long a state that needs a reload still waits: a window after the oldest state not yet
     * applied was accepted, and a window after the last reload started.
     */
    Duration reloadDelay(OptionalLong oldestWaitingNanos, OptionalLong lastReloadNanos, long nowNanos) {
        long window = settings.window().toNanos();
        long due = Math.max(oldestWaitingNanos.orElse(Long.MIN_VALUE / 2) + window, lastReloadNanos.orElse(Long.MIN_VALUE / 2) + window);
        return Duration.ofNanos(Math.max(0, due - nowNanos));
    }

    private void arm(Run run, Duration delay, boolean isRetry) {
        pending = scheduler.schedule(() -> runner.accept(run), delay);
        pendingIsRetry = isRetry;
    }
}
