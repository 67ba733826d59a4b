package dev.steward.api.time;

import java.time.Instant;

enum SystemTimeSource implements TimeSource {
    INSTANCE;

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }

    @Override
    public Instant wallTime() {
        return Instant.now();
    }
}
