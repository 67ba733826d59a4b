package dev.steward.haproxy;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline; fails the test with what was awaited. */
final class Eventually {
    private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
    private static final Duration PAUSE = Duration.ofMillis(20);

    private Eventually() {}

    static void await(String what, BooleanSupplier condition) {
        await(what, DEFAULT_DEADLINE, condition);
    }

    static void await(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + deadline.toMillis() + " ms: " + what);
            }
            LockSupport.parkNanos(PAUSE.toNanos());
        }
    }
}
