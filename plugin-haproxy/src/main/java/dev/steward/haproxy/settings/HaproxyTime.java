package dev.steward.haproxy.settings;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** Durations as HAProxy reads them. */
public final class HaproxyTime {
    private static final long[] UNIT_MILLIS = {86_400_000, 3_600_000, 60_000, 1000, 1};
    private static final String[] UNITS = {"d", "h", "m", "s", "ms"};

    private HaproxyTime() {}

    /** In the largest unit that holds the duration exactly: {@code 5m}, {@code 30s}, {@code 250ms}. */
    public static String format(Duration duration) {
        requireNonNull(duration, "duration is null");
        long millis = duration.toMillis();
        for (int i = 0; i < UNITS.length - 1; i++) {
            if (millis > 0 && millis % UNIT_MILLIS[i] == 0) {
                return millis / UNIT_MILLIS[i] + UNITS[i];
            }
        }
        return millis + "ms";
    }
}
