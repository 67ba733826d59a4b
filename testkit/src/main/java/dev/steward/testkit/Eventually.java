package dev.steward.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, looking again every few milliseconds: tests never sleep a fixed time. */
public final class Eventually {
    private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
    private static final Duration PAUSE = Duration.ofMillis(20);

    private Eventually() {}

    public static void await(String what, BooleanSupplier condition) {
        await(what, DEFAULT_DEADLINE, condition);
    }

    /** Fails the test naming {@code what} when {@code condition} does not hold before the deadline. */
    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(condition, "condition");
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": not true within " + deadline);
            }
            pause(what);
        }
    }

    /**
     * Returns the first value of {@code probe} that {@code condition} accepts, and fails naming
     * {@code what} and the last value seen when the deadline passes first.
     */
    public static <T> T await(String what, Duration deadline, Supplier<T> probe, Predicate<? super T> condition) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(condition, "condition");
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            T last = probe.get();
            if (condition.test(last)) {
                return last;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("%s did not happen within %s; last seen:%n%s".formatted(what, deadline, last));
            }
            pause(what);
        }
    }

    private static void pause(String what) {
        try {
            Thread.sleep(PAUSE);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, interrupted);
        }
    }
}
