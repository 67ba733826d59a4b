package dev.steward.api.metrics;

/**
 * Where plugins register the metrics they expose. Names follow Prometheus rules
 * ({@code steward_ports}); label values are passed when a sample is recorded.
 */
public interface Metrics {
    CounterMetric counter(String name, String help, String... labelNames);

    GaugeMetric gauge(String name, String help, String... labelNames);

    /** A histogram of seconds. */
    HistogramMetric histogram(String name, String help, String... labelNames);

    interface CounterMetric {
        void increment(String... labelValues);

        /**
         * Makes the series of these label values visible at 0 before its first increment, so that
         * {@code rate()} and alerts see it from the first scrape. A registry that cannot do this may
         * ignore it: the series then appears with its first increment.
         */
        default void initialize(String... labelValues) {}
    }

    interface GaugeMetric {
        void set(double value, String... labelValues);
    }

    interface HistogramMetric {
        void observe(double seconds, String... labelValues);
    }
}
