package dev.steward.haproxy.settings;

import static java.util.Objects.requireNonNull;

import dev.steward.api.config.Settings;
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

    /** Reads {@code steward.haproxy.restart}; a max-delay shorter than the delay is a problem, and the delay is used for both. */
    static RestartPolicy read(Settings settings) {
        int problemsBefore = settings.problems().size();
        Duration delay = settings.duration("delay", Duration.ofMillis(1), Duration.ofHours(1));
        Duration maxDelay = settings.duration("max-delay", Duration.ofMillis(1), Duration.ofHours(1));
        if (settings.problems().size() == problemsBefore && maxDelay.compareTo(delay) < 0) {
            settings.problem("max-delay", "must not be shorter than delay (" + delay + "), found " + maxDelay);
            return new RestartPolicy(delay, delay);
        }
        return new RestartPolicy(delay, maxDelay);
    }
}
