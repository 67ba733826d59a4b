package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import dev.steward.api.metrics.Metrics;
import java.util.Locale;

/** The counters of runtime updates, under the names operators alert on. */
public final class RuntimeMetrics {
    /** What was running when a runtime command failed. */
    public enum Activity {
        APPLY,
        RECONCILE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Metrics.CounterMetric fallbacks;
    private final Metrics.CounterMetric repairs;
    private final Metrics.CounterMetric drains;

    public RuntimeMetrics(Metrics metrics) {
        requireNonNull(metrics, "metrics is null");
        fallbacks = metrics.counter("steward_haproxy_runtime_fallbacks_total",
                "Runtime updates that failed and fell back to a full validated reload, by what was running.", "during");
        repairs = metrics.counter("steward_haproxy_drift_repairs_total",
                "Runtime commands the periodic reconcile sent because HAProxy had drifted from the desired slots.");
        drains = metrics.counter("steward_haproxy_drains_total",
                "Drained slots returned to their pool, because no request was left or because the drain timed out.",
                "outcome");
    }

    public void fallback(Activity during) {
        fallbacks.increment(requireNonNull(during, "during is null").label());
    }

    public void repaired(int commands) {
        for (int i = 0; i < commands; i++) {
            repairs.increment();
        }
    }

    void drained(Drains.Released.Cause cause) {
        drains.increment(requireNonNull(cause, "cause is null").name().toLowerCase(Locale.ROOT));
    }
}
