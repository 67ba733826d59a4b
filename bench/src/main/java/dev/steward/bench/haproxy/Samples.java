package dev.steward.bench.haproxy;

import java.util.Arrays;
import java.util.Locale;

/** Durations in nanoseconds, summarised as the benchmark table shows them. */
public final class Samples {
    private final long[] nanos;

    public Samples(long[] nanos) {
        this.nanos = nanos.clone();
        Arrays.sort(this.nanos);
    }

    public int count() {
        return nanos.length;
    }

    /** The value at {@code percentile} (nearest rank), in milliseconds; NaN without samples. */
    public double millis(double percentile) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100 * nanos.length);
        return nanos[Math.max(0, rank - 1)] / 1e6;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d samples, p50 %.1f ms, p99 %.1f ms, max %.1f ms", count(), millis(50), millis(99),
                millis(100));
    }
}
