package dev.steward.etcd;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** The wait before the next attempt after consecutive failures: doubling from an initial wait to a cap. */
final class Backoff {
    private final Limits limits;
    private Duration next;

    Backoff(Limits limits) {
        this.limits = requireNonNull(limits, "limits is null");
        this.next = limits.initial();
    }

    /** The wait before the next attempt; the one after is twice as long, up to the cap. */
    Duration next() {
        Duration wait = next;
        next = next.multipliedBy(2).compareTo(limits.max()) > 0 ? limits.max() : next.multipliedBy(2);
        return wait;
    }

    /** An attempt succeeded: the next failure waits the initial time again. */
    void reset() {
        next = limits.initial();
    }

    record Limits(Duration initial, Duration max) {
        Limits {
            requireNonNull(initial, "initial is null");
            requireNonNull(max, "max is null");
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("expected 0 < initial <= max, found " + initial + " and " + max);
            }
        }
    }
}
