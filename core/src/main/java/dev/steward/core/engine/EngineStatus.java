package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the engine knows, at one moment.
 *
 * @param receivedRevision the newest accepted revision
 * @param appliedRevision the newest revision the proxy serves; empty before the first successful apply
 * @param degraded the last applies failed beyond the quick retries and the engine backs off
 * @param lastError the message of the last failed apply, until an apply succeeds
 * @param failing what keeps failing and since when, until an apply succeeds
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
        Optional<String> lastError,
        Optional<Failing> failing) {
    public EngineStatus {
        requireNonNull(appliedRevision, "appliedRevision is null");
        requireNonNull(lastError, "lastError is null");
        requireNonNull(failing, "failing is null");
    }

    /**
     * Applies that keep failing.
     *
     * @param culprits what the backend said the failing state holds that it could not serve: group
     *     names, {@code settings} or {@code fallbackTargets}, in order; empty when it could not tell
     * @param since when the first of the failures in a row happened
     */
    public record Failing(List<String> culprits, Instant since) {
        public Failing {
            culprits = List.copyOf(new TreeSet<>(requireNonNull(culprits, "culprits is null")));
            requireNonNull(since, "since is null");
        }
    }

    /** The proxy serves the newest accepted revision. */
    public boolean converged() {
        return appliedRevision.map(applied -> applied == receivedRevision).orElse(false);
    }
}
