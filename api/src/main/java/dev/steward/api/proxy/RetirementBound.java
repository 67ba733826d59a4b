package dev.steward.api.proxy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long after an apply begins a proxy process that the apply retires may still route with the state
 * it served, and the backend settings that add up to it.
 *
 * @param longest the bound, counted from the start of the apply
 * @param reason the settings it comes from, each key relative to the backend's own settings and with its
 *     value, such as {@code "start-timeout 10s + retiring.wait 30s + hard-stop-after 5m"}
 */
public record RetirementBound(Duration longest, String reason) {
    public RetirementBound {
        requireNonNull(longest, "longest is null");
        requireNonNull(reason, "reason is null");
        if (longest.isNegative()) {
            throw new IllegalArgumentException("longest must not be negative, found " + longest);
        }
    }
}
