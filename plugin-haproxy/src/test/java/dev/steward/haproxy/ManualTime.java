package dev.steward.haproxy;

import dev.steward.api.time.TimeSource;
import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when told; its monotonic origin near overflow, as nothing promises otherwise. */
public final class ManualTime implements TimeSource {
    private long monotonicNanos = Long.MAX_VALUE - Duration.ofMinutes(7).toNanos();
    private Instant wallTime = Instant.parse("2026-03-01T12:00:00Z");

    public void advance(Duration elapsed) {
        monotonicNanos += elapsed.toNanos();
        wallTime = wallTime.plus(elapsed);
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
