package dev.steward.haproxy;

import dev.steward.api.metrics.Metrics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what the backend records, by metric name and label values, and which metrics it registered. */
final class RecordingMetrics implements Metrics {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    @Override
    public CounterMetric counter(String name, String help, String... labelNames) {
        registered.add(name);
        return labelValues -> counts.computeIfAbsent(key(name, labelValues), key -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public GaugeMetric gauge(String name, String help, String... labelNames) {
        registered.add(name);
        return (value, labelValues) -> counts.computeIfAbsent(key(name, labelValues), key -> new AtomicLong()).set((long) value);
    }

    @Override
    public HistogramMetric histogram(String name, String help, String... labelNames) {
        registered.add(name);
        return (seconds, labelValues) -> counts.computeIfAbsent(key(name, labelValues), key -> new AtomicLong()).incrementAndGet();
    }

    /** The count under {@code name} with these label values, in the order the metric declares its labels. */
    long count(String name, String... labelValues) {
        AtomicLong count = counts.get(key(name, labelValues));
        return count == null ? 0 : count.get();
    }

    /** The names of every metric registered so far. */
    Set<String> names() {
        return Set.copyOf(registered);
    }

    private static String key(String name, String... labelValues) {
        return name + String.join(",", labelValues);
    }
}
