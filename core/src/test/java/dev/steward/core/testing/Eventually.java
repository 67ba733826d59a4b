package dev.steward.core.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition that another process or thread makes true, up to a deadline. */
public final class Eventually {
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Eventually() {}

    /** Polls {@code probe} until {@code accepted} holds; returns the last value seen. */
    public static <T> T await(Duration deadline, Supplier<T> probe, Predicate<T> accepted,
            String description) {
        long end = System.nanoTime() + deadline.toNanos();
        T value = probe.get();
        while (!accepted.test(value)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(description + " did not happen within " + deadline + "; last seen: " + value);
            }
            LockSupport.parkNanos(PAUSE_NANOS);
            value = probe.get();
        }
        return value;
    }
}
