package dev.steward.portquarantine;

import dev.steward.api.time.TimeSource;
import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when told; its monotonic origin is arbitrary, as a real one's is. */
final class ManualTime implements TimeSource {
    private long monotonicNanos;
    private Instant wallTime;

    ManualTime(long monotonicOrigin, Instant wallTime) {
        this.monotonicNanos = monotonicOrigin;
        this.wallTime = wallTime;
    }

    ManualTime() {
        this(Long.MAX_VALUE - Duration.ofMinutes(7).toNanos(), Instant.parse("2026-03-01T12:00:00Z"));
    }

    void advance(Duration elapsed) {
        monotonicNanos += elapsed.toNanos();
        wallTime = wallTime.plus(elapsed);
    }

    /** The wall clock is set, say by NTP; the monotonic clock does not notice. */
    void setWallTime(Instant wallTime) {
        this.wallTime = wallTime;
    }

    /** A new process: the monotonic clock starts from another origin. */
    void restartMonotonic(long origin) {
        monotonicNanos = origin;
    }

    @Override
    public long monotonicNanos() {
        return monotonicNanos;
    }

    @Override
    public Instant wallTime() {
        return wallTime;
    }
}
