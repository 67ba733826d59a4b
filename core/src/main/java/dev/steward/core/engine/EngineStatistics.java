package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.metrics.Metrics;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.proxy.ApplyMode;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's counters, kept for status and exported as metrics under the names of INTERFACES.md.
 * Every series with known labels exists from the first scrape, at 0.
 */
final class EngineStatistics {
    private static final double NANOS_PER_SECOND = 1e9;
    private static final String ACCEPTED = "accepted";
    private static final String REJECTED = "rejected";
    private static final String OK = "ok";
    private static final String FAILED = "failed";
    private static final String RECEIVED_STAGE = "received";
    private static final String APPLIED_STAGE = "applied";

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
    private final Metrics.GaugeMetric failingSince;

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
        for (ApplyMode mode : ApplyMode.values()) {
            applies.initialize(mode.label(), OK);
            applies.initialize(mode.label(), FAILED);
        }
        failingSince = metrics.gauge("steward_apply_failing_since_seconds",
                "When the applies that keep failing started to (Unix time); 0 while applies succeed.");
        revision.set(0, RECEIVED_STAGE);
        revision.set(0, APPLIED_STAGE);
        failingSince.set(0);
    }

    /** A source that will deliver: its series appear at 0. */
    void source(String source) {
        for (BroadcastKind kind : BroadcastKind.values()) {
            broadcasts.initialize(source, kind.label(), ACCEPTED);
            broadcasts.initialize(source, kind.label(), REJECTED);
        }
    }

    void accepted(String source, BroadcastKind kind) {
        accepted.incrementAndGet();
        broadcasts.increment(source, kind.label(), ACCEPTED);
    }

    void rejected(String source, InvalidBroadcastException problem) {
        rejected(source, kindOf(problem));
    }

    void rejected(String source, BroadcastKind kind) {
        rejected(source, kind.label());
    }

    private void rejected(String source, String kindLabel) {
        rejected.incrementAndGet();
        broadcasts.increment(source, kindLabel, REJECTED);
    }

    void absorbed() {
        coalesced.incrementAndGet();
        coalescedMetric.increment();
    }

    void received(long newRevision) {
        revision.set(newRevision, RECEIVED_STAGE);
    }

    void applied(ApplyMode mode, long durationNanos, long appliedRevision) {
        (mode == ApplyMode.RELOAD ? reloads : runtimeUpdates).incrementAndGet();
        applies.increment(mode.label(), OK);
        applyDuration.observe(durationNanos / NANOS_PER_SECOND);
        revision.set(appliedRevision, APPLIED_STAGE);
    }

    void failed(ApplyMode mode, long durationNanos) {
        failed.incrementAndGet();
        applies.increment(mode.label(), FAILED);
        applyDuration.observe(durationNanos / NANOS_PER_SECOND);
    }

    void failing(Optional<EngineStatus.Failing> failing) {
        failingSince.set(failing.map(since -> since.since().toEpochMilli() / 1000.0).orElse(0.0));
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
