package dev.steward.distribution;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, looking again every few milliseconds. */
final class Eventually {
    private static final Duration PAUSE = Duration.ofMillis(20);

    private Eventually() {}

    /**
     * Returns the first value of {@code probe} that {@code condition} accepts, and fails naming
     * {@code what} and the last value seen when the deadline passes first.
     */
    static <T> T await(String what, Duration deadline, Supplier<T> probe, Predicate<? super T> condition) {
        long end = System.nanoTime() + deadline.toNanos();
        T last;
        do {
            last = probe.get();
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(PAUSE);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, interrupted);
            }
        } while (System.nanoTime() < end);
        return fail("%s did not happen within %s; last seen:%n%s", what, deadline, last);
    }
}
