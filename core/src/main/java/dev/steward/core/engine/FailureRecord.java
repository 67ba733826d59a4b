package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The applies that keep failing: how many in a row, what the backend said it could not serve (its
 * culprits), and since when. A broadcast ends the back-off only when it changes a culprit; one that
 * leaves them as they were would fail the same way. Not thread-safe: the engine calls it under its lock.
 */
final class FailureRecord {
    private int consecutive;
    private Optional<String> lastError = Optional.empty();
    private Optional<RoutingState> failedState = Optional.empty();
    private Set<String> culprits = Set.of();
    private Optional<Instant> since = Optional.empty();

    void failed(RoutingState state, RuntimeException problem, Instant now) {
        requireNonNull(state, "state is null");
        requireNonNull(problem, "problem is null");
        requireNonNull(now, "now is null");
        consecutive++;
        lastError = Optional.of(String.valueOf(problem.getMessage()));
        failedState = Optional.of(state);
        culprits = problem instanceof ApplyException named ? named.culprits() : Set.of();
        if (since.isEmpty()) {
            since = Optional.of(now);
        }
    }

    /** A success ends it all, the error included. */
    void succeeded() {
        consecutive = 0;
        lastError = Optional.empty();
        failedState = Optional.empty();
        culprits = Set.of();
        since = Optional.empty();
    }

    /** A state that serves but could not be stored: the error shows, nothing backs off. */
    void storeFailed(String problem) {
        succeeded();
        lastError = Optional.of(requireNonNull(problem, "problem is null"));
    }

    /**
     * Whether {@code next} changes what the failing state could not be served for. The backend's own
     * settings, or a failure that named nothing, no broadcast changes: only a success ends those.
     */
    boolean changedBy(RoutingState next) {
        requireNonNull(next, "next is null");
        if (consecutive == 0 || failedState.isEmpty()) {
            return false;
        }
        RoutingState failed = failedState.get();
        for (String culprit : culprits) {
            boolean changed = switch (culprit) {
                case ApplyException.SETTINGS -> false;
                case ApplyException.FALLBACK_TARGETS -> !failed.fallbackTargets().equals(next.fallbackTargets());
                default -> !failed.targetGroups().group(culprit).equals(next.targetGroups().group(culprit));
            };
            if (changed) {
                return true;
            }
        }
        return false;
    }

    /** The next try comes as for a first failure; the error and since when stay until a success. */
    void retrySoon() {
        consecutive = 0;
    }

    int consecutive() {
        return consecutive;
    }

    Optional<String> lastError() {
        return lastError;
    }

    /** What keeps failing, while something does. */
    Optional<EngineStatus.Failing> failing() {
        return since.map(start -> new EngineStatus.Failing(List.copyOf(culprits), start));
    }
}
