package dev.steward.bench.proving;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What a load's clients saw.
 *
 * @param elapsed how long they ran
 * @param detail how the errors break down, as the load generator reports them
 */
record LoadResult(LoadCounts report, Duration elapsed, String detail) {
    LoadResult {
        requireNonNull(report, "report is null");
        requireNonNull(elapsed, "elapsed is null");
        requireNonNull(detail, "detail is null");
    }

    double perSecond() {
        return report.requests() / (elapsed.toNanos() / 1e9);
    }
}
