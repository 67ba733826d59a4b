package dev.steward.bench.fleet;

import java.util.List;

/** Nearest-rank percentiles of a list of milliseconds. */
final class Percentiles {
    private Percentiles() {}

    static double of(List<Double> millis, double percentile) {
        List<Double> sorted = millis.stream().sorted().toList();
        int rank = (int) Math.ceil(percentile / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
