package dev.steward.api.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How the proxy checks each target of a group.
 *
 * @param path an HTTP path to GET; empty for a plain TCP connect check
 * @param interval time between two checks, 100 ms to 1 h
 * @param rise consecutive successes that bring a target up, 1 to 100
 * @param fall consecutive failures that take a target down, 1 to 100
 */
public record HealthCheck(Optional<String> path, Duration interval, int rise, int fall) {
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    public static final Duration MAX_INTERVAL = Duration.ofHours(1);
    public static final HealthCheck DEFAULT = new HealthCheck(Optional.empty(), Duration.ofSeconds(2), 2, 3);

    public HealthCheck {
        requireNonNull(path, "path is null");
        path.ifPresent(value -> ModelRules.requirePath("path", value));
        if (interval == null) {
            throw new InvalidBroadcastException("intervalMs", "is required");
        }
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new InvalidBroadcastException("intervalMs", "must be between " + MIN_INTERVAL.toMillis()
                    + " and " + MAX_INTERVAL.toMillis() + ", found " + interval.toMillis());
        }
        requireCount("rise", rise);
        requireCount("fall", fall);
    }

    private static void requireCount(String field, int value) {
        if (value < 1 || value > 100) {
            throw new InvalidBroadcastException(field, "must be between 1 and 100, found " + value);
        }
    }
}
