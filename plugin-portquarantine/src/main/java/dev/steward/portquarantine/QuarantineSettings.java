package dev.steward.portquarantine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.config.Settings;
import dev.steward.api.model.ModelRules;
import dev.steward.api.ports.HoldLimit;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings under {@code steward.port-quarantine}.
 *
 * @param window how long a released port is held at least; zero disables quarantine
 * @param range the ports handed out on every replica node
 * @param cap how long after its release a port returns even without the proxies' confirmation
 * @param convergenceGate whether a port also waits for the proxies to confirm its release; false: the window alone
 * @param stateFile the file name, in the plugin's data directory, of the persisted state
 */
record QuarantineSettings(Duration window, PortRange range, Duration cap, boolean convergenceGate, String stateFile) {
    static final Duration MAX_WINDOW = Duration.ofHours(1);
    static final Duration MIN_CAP = Duration.ofSeconds(1);
    static final Duration MAX_CAP = Duration.ofDays(1);

    private static final PortRange PLACEHOLDER_RANGE = new PortRange(PortRange.MIN_PORT, PortRange.MAX_PORT);

    QuarantineSettings {
        requireNonNull(window, "window is null");
        requireNonNull(range, "range is null");
        requireNonNull(cap, "cap is null");
        requireNonNull(stateFile, "stateFile is null");
    }

    /** Reads every key, then throws one {@link dev.steward.api.config.InvalidConfigException} listing all problems. */
    static QuarantineSettings read(Settings settings) {
        int problemsBefore = settings.problems().size();
        Duration window = settings.duration("window", Duration.ZERO, MAX_WINDOW);
        Duration cap = settings.duration("cap", MIN_CAP, MAX_CAP);
        // Compared only when both read cleanly: a placeholder would add a second, misleading problem.
        if (settings.problems().size() == problemsBefore && cap.compareTo(window) < 0) {
            settings.problem("cap", "must be at least window (" + window + "), found " + cap);
        }
        PortRange range = range(settings);
        boolean convergenceGate = settings.bool("convergence-gate");
        String stateFile = settings.string("state-file", ModelRules::isName, "a file name matching " + ModelRules.NAME_PATTERN);
        settings.validate();
        return new QuarantineSettings(window, range, cap, convergenceGate, stateFile);
    }

    boolean quarantines() {
        return !window.isZero();
    }

    /**
     * The cap, when a port waits for the proxies' confirmation at all: without quarantine or without the
     * convergence gate a port returns after the window alone, as the user chose.
     */
    Optional<HoldLimit> holdLimit() {
        return quarantines() && convergenceGate ? Optional.of(new HoldLimit(cap, "cap")) : Optional.empty();
    }

    private static PortRange range(Settings settings) {
        if (!settings.has("range")) {
            settings.string("range");
            return PLACEHOLDER_RANGE;
        }
        String text = settings.string("range");
        return PortRange.parse(text).orElseGet(() -> {
            settings.problem("range", "expected \"low-high\" with 1 <= low <= high <= 65535, found " + ModelRules.quote(text));
            return PLACEHOLDER_RANGE;
        });
    }
}
