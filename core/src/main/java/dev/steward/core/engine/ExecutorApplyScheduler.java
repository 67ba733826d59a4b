package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One platform thread runs every apply, so two applies can never overlap. */
public final class ExecutorApplyScheduler implements ApplyScheduler {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "steward-apply");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public ScheduledApply schedule(Runnable task, Duration delay) {
        requireNonNull(task, "task is null");
        requireNonNull(delay, "delay is null");
        ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void shutdown() {
        executor.shutdownNow();
    }
}
