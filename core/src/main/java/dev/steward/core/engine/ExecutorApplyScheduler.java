package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One platform thread runs every apply, so two applies can never overlap. */
public final class ExecutorApplyScheduler implements ApplyScheduler {
    private static final Duration FINISH_WAIT = Duration.ofSeconds(30);

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "steward-apply");
        thread.setDaemon(true);
        return thread;
    });

    public ExecutorApplyScheduler() {
        // After shutdown only the apply already running may finish; nothing waiting for its time starts.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public ScheduledApply schedule(Runnable task, Duration delay) {
        requireNonNull(task, "task is null");
        requireNonNull(delay, "delay is null");
        ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /**
     * Lets a running apply finish, listeners included (an interrupt would break the port policy's
     * save of a confirmed revision), then stops the thread; tasks not started yet were cancelled by
     * the engine.
     */
    @Override
    public void shutdown() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(FINISH_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
