package dev.steward.core.daemon;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import dev.steward.api.config.ConfigProblem;
import dev.steward.api.config.Settings;
import dev.steward.api.ports.HoldLimit;
import dev.steward.api.proxy.RetirementBound;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * A released port must stay held longer than an old proxy process may still route to it, or the port
 * policy hands it to a new replica while that process sends it requests for the old one. The two
 * bounds live in two plugins (the port policy's cap, the proxy backend's old processes); each reports
 * its own, and this compares them, adding the coalescing window: the apply that unroutes a released
 * port's target may begin that long after the change was accepted.
 */
final class PortHoldCheck {
    private static final long[] UNIT_MILLIS = {86_400_000, 3_600_000, 60_000, 1000, 1};
    private static final String[] UNITS = {"d", "h", "m", "s", "ms"};

    private PortHoldCheck() {}

    /**
     * @param policyPath the port policy's settings path, such as {@code steward.port-quarantine}
     * @param backendPath the proxy backend's settings path, such as {@code steward.haproxy}
     * @param config the merged configuration, for the origin of the policy's setting
     * @return the problem, when the hold is not longer than the routing it must outlast
     */
    static Optional<ConfigProblem> problem(Optional<HoldLimit> hold, String policyPath, Optional<RetirementBound> bound,
            String backendPath, Duration coalesceWindow, Config config) {
        requireNonNull(hold, "hold is null");
        requireNonNull(policyPath, "policyPath is null");
        requireNonNull(bound, "bound is null");
        requireNonNull(backendPath, "backendPath is null");
        requireNonNull(coalesceWindow, "coalesceWindow is null");
        requireNonNull(config, "config is null");
        if (hold.isEmpty() || bound.isEmpty()) {
            return Optional.empty();
        }
        Duration routing = coalesceWindow.plus(bound.get().longest());
        if (hold.get().longest().compareTo(routing) > 0) {
            return Optional.empty();
        }
        String path = policyPath + "." + hold.get().key();
        String origin = config.hasPath(path) ? Settings.origin(config.getValue(path).origin()) : "";
        return Optional.of(new ConfigProblem(path, "must be longer than an old proxy process may still route to a released"
                + " port: steward.coalesce.window " + format(coalesceWindow) + " + " + backendPath + " " + bound.get().reason()
                + " = " + spelled(routing) + ", found " + format(hold.get().longest()) + "; set it to "
                + format(roundedUp(routing)) + " or more, or lower those settings", origin));
    }

    /** The next whole minute after {@code duration}: a value a person would write. */
    private static Duration roundedUp(Duration duration) {
        return Duration.ofMinutes(duration.toMinutes() + 1);
    }

    /** For a person: {@code 5m 40.1s}. */
    static String spelled(Duration duration) {
        StringBuilder text = new StringBuilder();
        if (duration.toHours() > 0) {
            text.append(duration.toHours()).append("h ");
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append("m ");
        }
        long millis = duration.toSecondsPart() * 1000L + duration.toMillisPart();
        if (millis > 0 || text.isEmpty()) {
            text.append(BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString()).append('s');
        }
        return text.toString().strip();
    }

    /** In the largest unit that holds the duration exactly, as a config file takes it: {@code 5m}, {@code 250ms}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        for (int i = 0; i < UNITS.length - 1; i++) {
            if (millis > 0 && millis % UNIT_MILLIS[i] == 0) {
                return millis / UNIT_MILLIS[i] + UNITS[i];
            }
        }
        return millis + "ms";
    }
}
