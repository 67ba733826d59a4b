package dev.steward.etcd;

import dev.steward.api.metrics.Metrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps every counter's count and every gauge's last value, by label values. */
final class RecordingMetrics implements Metrics {
    private final Map<String, Map<List<String>, Double>> samples = new ConcurrentHashMap<>();

    @Override
    public CounterMetric counter(String name, String help, String... labelNames) {
        Map<List<String>, Double> metric = metric(name);
        return labelValues -> metric.merge(List.of(labelValues), 1.0, Double::sum);
    }

    @Override
    public GaugeMetric gauge(String name, String help, String... labelNames) {
        Map<List<String>, Double> metric = metric(name);
        return (value, labelValues) -> metric.put(List.of(labelValues), value);
    }

    @Override
    public HistogramMetric histogram(String name, String help, String... labelNames) {
        return (seconds, labelValues) -> { };
    }

    /** A counter's count or a gauge's value; 0 when never recorded. */
    double value(String name, String... labelValues) {
        return samples.getOrDefault(name, Map.of()).getOrDefault(List.of(labelValues), 0.0);
    }

    private Map<List<String>, Double> metric(String name) {
        return samples.computeIfAbsent(name, ignored -> new ConcurrentHashMap<>());
    }
}
