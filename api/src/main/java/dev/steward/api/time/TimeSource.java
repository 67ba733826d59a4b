package dev.steward.api.time;

import java.time.Instant;

/**
 * Time as Steward reads it: a monotonic clock for intervals and deadlines, a wall clock for what
 * people read. Tests pass a controllable one.
 */
public interface TimeSource {
    /** Nanoseconds from an arbitrary origin; only differences mean anything. */
    long monotonicNanos();

    Instant wallTime();

    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
