package dev.steward.portquarantine;

import dev.steward.api.Metrics;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the last value of every gauge sample. */
final class RecordingMetrics implements Metrics {
    private final Map<String, Map<List<String>, Double>> gauges = new ConcurrentHashMap<>();
    private final Map<String, List<String>> labelNames = new ConcurrentHashMap<>();

    @Override
    public CounterMetric counter(String name, String help, String... labelNames) {
        throw new UnsupportedOperationException("the port policy registers no counter");
    }

    @Override
    public GaugeMetric gauge(String name, String help, String... labelNames) {
        this.labelNames.put(name, List.of(labelNames));
        Map<List<String>, Double> samples = gauges.computeIfAbsent(name, ignored -> new ConcurrentHashMap<>());
        return (value, labelValues) -> samples.put(List.of(labelValues), value);
    }

    @Override
    public HistogramMetric histogram(String name, String help, String... labelNames) {
        throw new UnsupportedOperationException("the port policy registers no histogram");
    }

    List<String> labelNames(String gauge) {
        return labelNames.getOrDefault(gauge, List.of());
    }

    OptionalDouble sample(String name, String... labelValues) {
        Double value = gauges.getOrDefault(name, Map.of()).get(List.of(labelValues));
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
