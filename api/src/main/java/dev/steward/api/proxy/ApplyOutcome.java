package dev.steward.api.proxy;

import static java.util.Objects.requireNonNull;

import java.util.Objects;

/**
 * A successful apply. Built with {@link #runtime} or {@link #reload}, so that what it carries can grow
 * without breaking a plugin.
 */
public final class ApplyOutcome {
    private final ApplyMode mode;
    private final String reason;

    private ApplyOutcome(ApplyMode mode, String reason) {
        this.mode = requireNonNull(mode, "mode is null");
        this.reason = requireNonNull(reason, "reason is null");
    }

    /** Served by the running process; {@code reason} for the log, such as {@code "3 runtime commands"}. */
    public static ApplyOutcome runtime(String reason) {
        return new ApplyOutcome(ApplyMode.RUNTIME, reason);
    }

    /** Served by a new process; {@code reason} says why it took one, such as {@code "first start"}. */
    public static ApplyOutcome reload(String reason) {
        return new ApplyOutcome(ApplyMode.RELOAD, reason);
    }

    public ApplyMode mode() {
        return mode;
    }

    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApplyOutcome outcome && mode == outcome.mode && reason.equals(outcome.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, reason);
    }

    @Override
    public String toString() {
        return mode.label() + ": " + reason;
    }
}
