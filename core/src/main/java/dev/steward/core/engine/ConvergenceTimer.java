package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * Remembers when each revision not yet applied was accepted: how long it took to be served, and
 * since when the oldest of them waits, which starts the window of a reload. Not thread-safe: the
 * engine calls it under its lock.
 */
final class ConvergenceTimer {
    private static final int MAX_TRACKED = 100_000;

    private final EngineStatistics statistics;
    private final Deque<Accepted> unapplied = new ArrayDeque<>();

    ConvergenceTimer(EngineStatistics statistics) {
        this.statistics = requireNonNull(statistics, "statistics is null");
    }

    void accepted(long revision, long nanos) {
        if (unapplied.size() == MAX_TRACKED) {
            unapplied.removeFirst();
        }
        unapplied.addLast(new Accepted(revision, nanos));
    }

    /** Every revision up to {@code revision} is served at {@code nanos}. */
    void applied(long revision, long nanos) {
        while (!unapplied.isEmpty() && unapplied.peekFirst().revision() <= revision) {
            statistics.converged(nanos - unapplied.removeFirst().nanos());
        }
    }

    /** When the oldest revision not yet applied was accepted; empty when every one is. */
    OptionalLong oldestWaitingSince() {
        return unapplied.isEmpty() ? OptionalLong.empty() : OptionalLong.of(unapplied.peekFirst().nanos());
    }

    private record Accepted(long revision, long nanos) {}
}
