package dev.steward.core.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How broadcasts are coalesced into applies.
 *
 * @param window broadcasts within this window after the first are applied together; zero applies at once
 * @param quickRetries consecutive failures retried at the next window before backing off
 * @param backoffInitial the first wait after the quick retries; it doubles on each failure
 * @param backoffMax the cap of that wait
 */
public record CoalesceSettings(Duration window, int quickRetries, Duration backoffInitial, Duration backoffMax) {
    public CoalesceSettings {
        requireNonNull(window, "window is null");
        requireNonNull(backoffInitial, "backoffInitial is null");
        requireNonNull(backoffMax, "backoffMax is null");
    }
}
