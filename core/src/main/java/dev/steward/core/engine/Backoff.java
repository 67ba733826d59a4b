package dev.steward.core.engine;

import dev.steward.core.config.CoalesceSettings;
import java.time.Duration;

/** When to try again after a failed apply. */
final class Backoff {
    private Backoff() {}

    /**
     * The first {@code quickRetries} failures retry at the next window; after them the wait starts
     * at {@code backoffInitial} and doubles, capped at {@code backoffMax}, so a lasting fault is
     * retried forever without spinning.
     */
    static Duration after(int consecutiveFailures, CoalesceSettings settings) {
        int beyondQuick = consecutiveFailures - settings.quickRetries();
        if (beyondQuick <= 0) {
            return settings.window();
        }
        Duration wait = settings.backoffInitial();
        for (int i = 1; i < beyondQuick && wait.compareTo(settings.backoffMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : wait;
    }

    static boolean isDegraded(int consecutiveFailures, CoalesceSettings settings) {
        return consecutiveFailures > settings.quickRetries();
    }
}
