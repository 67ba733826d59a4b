package dev.steward.haproxy;

import dev.steward.api.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what the plugin records, by metric name; labels play no part in the plugin's metrics. */
final class RecordingMetrics implements Metrics {
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    @Override
    public CounterMetric counter(String name, String help, String... labelNames) {
        AtomicLong count = new AtomicLong();
        if (counters.putIfAbsent(name, count) != null) {
            throw new AssertionError("counter " + name + " registered twice");
        }
        return labelValues -> count.incrementAndGet();
    }

    @Override
    public GaugeMetric gauge(String name, String help, String... labelNames) {
        throw new AssertionError("unexpected gauge " + name);
    }

    @Override
    public HistogramMetric histogram(String name, String help, String... labelNames) {
        throw new AssertionError("unexpected histogram " + name);
    }

    /** The counter's value. */
    long count(String name) {
        AtomicLong count = counters.get(name);
        if (count == null) {
            throw new AssertionError("no counter " + name + " registered; registered: " + counters.keySet());
        }
        return count.get();
    }

    java.util.Set<String> counterNames() {
        return Map.copyOf(counters).keySet();
    }
}
