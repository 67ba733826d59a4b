package dev.steward.haproxy.settings;

import static java.util.Objects.requireNonNull;

import dev.steward.api.config.Settings;
import java.time.Duration;

/**
 * How many old HAProxy processes may finish their connections at once.
 *
 * @param max old processes allowed at the same time; a reload that would exceed it waits
 * @param maxWait how long such a reload waits for one of them to exit before the apply fails
 */
public record RetiringLimits(int max, Duration maxWait) {
    public RetiringLimits {
        requireNonNull(maxWait, "maxWait is null");
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, found " + max);
        }
    }

    /** Reads {@code steward.haproxy.retiring}. */
    static RetiringLimits read(Settings settings) {
        int max = settings.integer("max", 1, 1000);
        Duration wait = settings.duration("wait", Duration.ZERO, Duration.ofHours(1));
        return new RetiringLimits(max, wait);
    }
}
