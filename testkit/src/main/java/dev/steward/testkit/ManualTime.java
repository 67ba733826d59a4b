package dev.steward.testkit;

import static java.util.Objects.requireNonNull;

import dev.steward.api.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A clock that moves only when a test says so, and tasks that fall due on it: a task runs on the
 * test's thread, in the order of due times, when {@link #advance} passes its time. The monotonic
 * clock starts near the overflow of a {@code long} unless told otherwise, since nothing promises a
 * real one does not; the wall clock can be set apart from it, as NTP sets a real one.
 */
public final class ManualTime implements TimeSource {
    private static final long NEAR_OVERFLOW = Long.MAX_VALUE - Duration.ofMinutes(7).toNanos();
    private static final Instant WALL_ORIGIN = Instant.parse("2026-03-01T12:00:00Z");

    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::sequence));
    /** Nanoseconds since this clock was made: what orders tasks, and never overflows in a test. */
    private long elapsedNanos;
    /** The monotonic reading when {@link #elapsedNanos} was 0; a reading wraps around as a real one may. */
    private long monotonicOrigin;
    private Instant wallTime;
    private long sequence;

    public ManualTime() {
        this(NEAR_OVERFLOW, WALL_ORIGIN);
    }

    public ManualTime(long monotonicOrigin, Instant wallTime) {
        this.monotonicOrigin = monotonicOrigin;
        this.wallTime = requireNonNull(wallTime, "wallTime is null");
    }

    @Override
    public long monotonicNanos() {
        return monotonicOrigin + elapsedNanos;
    }

    @Override
    public Instant wallTime() {
        return wallTime;
    }

    /** Moves both clocks forward, running every task that falls due on the way, at its due time. */
    public void advance(Duration duration) {
        requireNonNull(duration, "duration is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go back, found " + duration);
        }
        long target = elapsedNanos + duration.toNanos();
        while (!tasks.isEmpty() && tasks.peek().dueNanos() <= target) {
            Task next = tasks.poll();
            move(Math.max(elapsedNanos, next.dueNanos()));
            if (!next.cancelled()) {
                next.task().run();
            }
        }
        move(target);
    }

    /** Runs the tasks due now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** The wall clock is set, say by NTP; the monotonic clock does not notice. */
    public void setWallTime(Instant newWallTime) {
        this.wallTime = requireNonNull(newWallTime, "newWallTime is null");
    }

    /** A new process: the monotonic clock reads from another origin; tasks keep their places. */
    public void restartMonotonic(long origin) {
        this.monotonicOrigin = origin - elapsedNanos;
    }

    /** Runs {@code task} once {@code delay} has passed; the result cancels it. */
    public Runnable schedule(Runnable task, Duration delay) {
        requireNonNull(task, "task is null");
        requireNonNull(delay, "delay is null");
        Task scheduled = new Task(elapsedNanos + Math.max(0, delay.toNanos()), sequence++, task);
        tasks.add(scheduled);
        return scheduled::cancel;
    }

    /** Drops every task not run yet. */
    public void cancelAll() {
        tasks.clear();
    }

    /** When the next live task falls due, relative to now. */
    public Optional<Duration> nextDue() {
        return tasks.stream().filter(task -> !task.cancelled()).map(Task::dueNanos).min(Long::compare)
                .map(due -> Duration.ofNanos(due - elapsedNanos));
    }

    public int pendingTasks() {
        return (int) tasks.stream().filter(task -> !task.cancelled()).count();
    }

    private void move(long newElapsed) {
        wallTime = wallTime.plusNanos(newElapsed - elapsedNanos);
        elapsedNanos = newElapsed;
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
