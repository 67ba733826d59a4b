package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ApplyMode;
import dev.steward.api.Metrics;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.InvalidBroadcastException;
import java.util.concurrent.atomic.AtomicLong;

/** The engine's counters, kept for status and exported as metrics under the names of INTERFACES.md. */
final class EngineStatistics {
    private static final double NANOS_PER_SECOND = 1e9;

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong runtimeUpdates = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private final Metrics.CounterMetric broadcasts;
    private final Metrics.CounterMetric coalescedMetric;
    private final Metrics.CounterMetric applies;
    private final Metrics.HistogramMetric applyDuration;
    private final Metrics.HistogramMetric convergence;
    private final Metrics.GaugeMetric revision;

    EngineStatistics(Metrics metrics) {
        requireNonNull(metrics, "metrics is null");
        broadcasts = metrics.counter("steward_broadcasts_total", "Broadcasts received, by source, kind and outcome.",
                "source", "kind", "outcome");
        coalescedMetric = metrics.counter("steward_broadcasts_coalesced_total",
                "Broadcasts absorbed into an apply that was already pending.");
        applies = metrics.counter("steward_applies_total", "Applies, by mode and outcome.", "mode", "outcome");
        applyDuration = metrics.histogram("steward_apply_duration_seconds", "Time one apply took.");
        convergence = metrics.histogram("steward_convergence_seconds",
                "Time from a broadcast being accepted to the proxy serving it.");
        revision = metrics.gauge("steward_revision", "The newest revision received, and the newest applied.", "stage");
    }

    void accepted(String source, BroadcastKind kind) {
        accepted.incrementAndGet();
        broadcasts.increment(source, kind.label(), "accepted");
    }

    void rejected(String source, InvalidBroadcastException problem) {
        rejected.incrementAndGet();
        broadcasts.increment(source, kindOf(problem), "rejected");
    }

    void absorbed() {
        coalesced.incrementAndGet();
        coalescedMetric.increment();
    }

    void received(long newRevision) {
        revision.set(newRevision, "received");
    }

    void applied(ApplyMode mode, long durationNanos, long appliedRevision) {
        (mode == ApplyMode.RELOAD ? reloads : runtimeUpdates).incrementAndGet();
        applies.increment(mode.label(), "ok");
        applyDuration.observe(durationNanos / NANOS_PER_SECOND);
        revision.set(appliedRevision, "applied");
    }

    void failed(ApplyMode mode, long durationNanos) {
        failed.incrementAndGet();
        applies.increment(mode.label(), "failed");
        applyDuration.observe(durationNanos / NANOS_PER_SECOND);
    }

    void converged(long nanosSinceAccepted) {
        convergence.observe(nanosSinceAccepted / NANOS_PER_SECOND);
    }

    long accepted() {
        return accepted.get();
    }

    long rejected() {
        return rejected.get();
    }

    long coalesced() {
        return coalesced.get();
    }

    long reloads() {
        return reloads.get();
    }

    long runtimeUpdates() {
        return runtimeUpdates.get();
    }

    long failed() {
        return failed.get();
    }

    /** The kind a rejected input was meant to be, read from the path of its bad field. */
    private static String kindOf(InvalidBroadcastException problem) {
        for (BroadcastKind kind : BroadcastKind.values()) {
            if (problem.field().startsWith(kind.field())) {
                return kind.label();
            }
        }
        return "document";
    }
}
