package dev.steward.etcd;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline: integration tests never sleep a fixed time. */
final class Eventually {
    private Eventually() {}

    static void await(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": not true within " + deadline);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, interrupted);
            }
        }
    }
}
