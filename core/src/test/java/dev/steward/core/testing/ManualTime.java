package dev.steward.core.testing;

import static java.util.Objects.requireNonNull;

import dev.steward.api.time.TimeSource;
import dev.steward.core.engine.ApplyScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A clock and a scheduler that move only when a test says so. Tasks run on the test's thread, in
 * the order of their due time, when {@link #advance} passes it.
 */
public final class ManualTime implements TimeSource, ApplyScheduler {
    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::sequence));
    private long nowNanos;
    private long sequence;
    private boolean shutdown;

    @Override
    public long monotonicNanos() {
        return nowNanos;
    }

    @Override
    public Instant wallTime() {
        return ORIGIN.plusNanos(nowNanos);
    }

    @Override
    public ScheduledApply schedule(Runnable task, Duration delay) {
        requireNonNull(task, "task is null");
        if (shutdown) {
            return () -> {};
        }
        Task scheduled = new Task(nowNanos + delay.toNanos(), sequence++, task);
        tasks.add(scheduled);
        return scheduled::cancel;
    }

    @Override
    public void shutdown() {
        shutdown = true;
        tasks.clear();
    }

    /** Moves the clock forward, running every task that falls due on the way, at its due time. */
    public void advance(Duration duration) {
        long target = nowNanos + duration.toNanos();
        while (!tasks.isEmpty() && tasks.peek().dueNanos() <= target) {
            Task next = tasks.poll();
            nowNanos = Math.max(nowNanos, next.dueNanos());
            if (!next.cancelled()) {
                next.task().run();
            }
        }
        nowNanos = target;
    }

    /** Runs the tasks due now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** When the next live task falls due, relative to now. */
    public Optional<Duration> nextDue() {
        return tasks.stream().filter(task -> !task.cancelled()).map(Task::dueNanos).min(Long::compare)
                .map(due -> Duration.ofNanos(due - nowNanos));
    }

    public int pendingTasks() {
        return (int) tasks.stream().filter(task -> !task.cancelled()).count();
    }

    private static final class Task {
        private final long dueNanos;
        private final long sequence;
        private final Runnable task;
        private boolean cancelled;

        Task(long dueNanos, long sequence, Runnable task) {
            this.dueNanos = dueNanos;
            this.sequence = sequence;
            this.task = task;
        }

        long dueNanos() {
            return dueNanos;
        }

        long sequence() {
            return sequence;
        }

        Runnable task() {
            return task;
        }

        boolean cancelled() {
            return cancelled;
        }

        void cancel() {
            cancelled = true;
        }
    }
}
