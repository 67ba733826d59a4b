package dev.steward.bench.haproxy;

import java.util.Arrays;

/** Durations in nanoseconds, summarised as the benchmark table shows them. */
final class Samples {
    private final long[] nanos;

    Samples(long[] nanos) {
        this.nanos = nanos.clone();
        Arrays.sort(this.nanos);
    }

    int count() {
        return nanos.length;
    }

    /** The value at {@code percentile} (nearest rank), in milliseconds. */
    double millis(double percentile) {
        int rank = (int) Math.ceil(percentile / 100 * nanos.length);
        return nanos[Math.max(0, rank - 1)] / 1e6;
    }
}
