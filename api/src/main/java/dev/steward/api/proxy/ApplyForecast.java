package dev.steward.api.proxy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a backend expects an apply of a state to take, asked before the apply: the engine applies a
 * state the running proxy can take at once, and holds one that needs a reload for the coalescing
 * window. A forecast is a promise the backend keeps or breaks with {@link ReloadNeededException}.
 */
public final class ApplyForecast {
    private static final ApplyForecast RUNTIME = new ApplyForecast(Optional.empty());

    private final Optional<String> reloadReason;

    private ApplyForecast(Optional<String> reloadReason) {
        this.reloadReason = reloadReason;
    }

    /** The running proxy can serve the state without a new process. */
    public static ApplyForecast runtime() {
        return RUNTIME;
    }

    /** The state needs a new process; {@code reason} says why, for the log. */
    public static ApplyForecast reload(String reason) {
        return new ApplyForecast(Optional.of(requireNonNull(reason, "reason is null")));
    }

    public boolean needsReload() {
        return reloadReason.isPresent();
    }

    /** Why a reload is needed; empty for a runtime forecast. */
    public Optional<String> reloadReason() {
        return reloadReason;
    }

    @Override
    public String toString() {
        return reloadReason.map(reason -> "reload: " + reason).orElse("runtime");
    }
}
