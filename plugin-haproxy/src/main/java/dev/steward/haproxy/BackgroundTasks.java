package dev.steward.haproxy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The backend's own threads: one rotates HAProxy's output files every second, the other returns
 * drained slots to their pools every 250 ms and runs the periodic reconcile. Drains and reconcile
 * share a thread, so that they never run at once.
 */
final class BackgroundTasks implements AutoCloseable {
    private static final Duration ROTATION_INTERVAL = Duration.ofSeconds(1);
    /** How often draining slots are asked whether requests are left: slots return to the pool soon after. */
    private static final Duration DRAIN_POLL = Duration.ofMillis(250);

    private ScheduledExecutorService rotation;
    private ScheduledExecutorService reconciliation;

    /**
     * Starts the tasks, once; later calls change nothing.
     *
     * @param reconcileInterval how often {@code reconcile} runs; zero: never
     */
    synchronized void start(Runnable rotate, Runnable completeDrains, Runnable reconcile, Duration reconcileInterval) {
        requireNonNull(rotate, "rotate is null");
        requireNonNull(completeDrains, "completeDrains is null");
        requireNonNull(reconcile, "reconcile is null");
        requireNonNull(reconcileInterval, "reconcileInterval is null");
        if (rotation == null) {
            rotation = executor("steward-haproxy-output-rotation");
            every(rotation, ROTATION_INTERVAL, rotate);
        }
        if (reconciliation == null) {
            reconciliation = executor("steward-haproxy-reconcile");
            every(reconciliation, DRAIN_POLL, completeDrains);
            if (reconcileInterval.isPositive()) {
                every(reconciliation, reconcileInterval, reconcile);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (rotation != null) {
            rotation.shutdownNow();
        }
        if (reconciliation != null) {
            reconciliation.shutdownNow();
        }
    }

    private static ScheduledExecutorService executor(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().name(name).daemon().unstarted(task));
    }

    private static void every(ScheduledExecutorService executor, Duration interval, Runnable task) {
        executor.scheduleWithFixedDelay(task, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }
}
