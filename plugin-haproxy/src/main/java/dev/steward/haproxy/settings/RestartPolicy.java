package dev.steward.haproxy.settings;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When an HAProxy that exited unexpectedly is restarted.
 *
 * @param delay the wait before the first restart
 * @param maxDelay the longest wait; also how long a process must have served to count as healthy again
 */
public record RestartPolicy(Duration delay, Duration maxDelay) {
    public RestartPolicy {
        requireNonNull(delay, "delay is null");
        requireNonNull(maxDelay, "maxDelay is null");
        if (!delay.isPositive() || maxDelay.compareTo(delay) < 0) {
            throw new IllegalArgumentException("0 < delay <= maxDelay expected, found " + delay + " and " + maxDelay);
        }
    }
}
