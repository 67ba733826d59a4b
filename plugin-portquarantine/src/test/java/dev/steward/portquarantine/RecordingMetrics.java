package dev.steward.portquarantine;

import dev.steward.api.metrics.Metrics;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the last value of every gauge sample and the count of every counter sample. */
final class RecordingMetrics implements Metrics {
    private final Map<String, Map<List<String>, Double>> gauges = new ConcurrentHashMap<>();
    private final Map<String, Map<List<String>, Double>> counters = new ConcurrentHashMap<>();
    private final Map<String, List<String>> labelNames = new ConcurrentHashMap<>();

    @Override
    public CounterMetric counter(String name, String help, String... labelNames) {
        this.labelNames.put(name, List.of(labelNames));
        Map<List<String>, Double> samples = counters.computeIfAbsent(name, ignored -> new ConcurrentHashMap<>());
        return new CounterMetric() {
            @Override
            public void increment(String... labelValues) {
                samples.merge(List.of(labelValues), 1.0, Double::sum);
            }

            @Override
            public void initialize(String... labelValues) {
                samples.putIfAbsent(List.of(labelValues), 0.0);
            }
        };
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
        Map<List<String>, Double> samples = gauges.containsKey(name) ? gauges.get(name) : counters.getOrDefault(name, Map.of());
        Double value = samples.get(List.of(labelValues));
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
