package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What the engine knows, at one moment.
 *
 * @param receivedRevision the newest accepted revision
 * @param appliedRevision the newest revision the proxy serves; empty before the first successful apply
 * @param degraded the last applies failed beyond the quick retries and the engine backs off
 * @param lastError the message of the last failed apply, until an apply succeeds
 */
public record EngineStatus(
        long receivedRevision,
        Optional<Long> appliedRevision,
        long reloads,
        long runtimeUpdates,
        long failedApplies,
        long accepted,
        long rejected,
        long coalesced,
        int consecutiveFailures,
        boolean degraded,
        Optional<String> lastError) {
    public EngineStatus {
        requireNonNull(appliedRevision, "appliedRevision is null");
        requireNonNull(lastError, "lastError is null");
    }

    /** The proxy serves the newest accepted revision. */
    public boolean converged() {
        return appliedRevision.map(applied -> applied == receivedRevision).orElse(false);
    }
}
