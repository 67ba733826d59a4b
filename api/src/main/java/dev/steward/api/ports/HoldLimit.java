package dev.steward.api.ports;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The longest a port policy holds a released port while the proxies have not confirmed a revision that
 * no longer routes to it; past it, the port returns anyway.
 *
 * @param longest counted from the release
 * @param key the setting that says so, relative to the policy's own settings, such as {@code "cap"}
 */
public record HoldLimit(Duration longest, String key) {
    public HoldLimit {
        requireNonNull(longest, "longest is null");
        requireNonNull(key, "key is null");
        if (longest.isNegative()) {
            throw new IllegalArgumentException("longest must not be negative, found " + longest);
        }
    }
}
