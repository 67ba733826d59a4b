package dev.steward.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.steward.api.metrics.Metrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@link Metrics} plugins and core record into, backed by the Prometheus Java client, which
 * also writes the exposition format.
 */
public final class PrometheusMetrics implements Metrics {
    /** Seconds, from a fast runtime command to a slow reload under load. */
    private static final double[] SECONDS_BUCKETS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
    };
    private static final String TOTAL_SUFFIX = "_total";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    @Override
    public CounterMetric counter(String name, String help, String... labelNames) {
        // The client adds the _total suffix itself when it writes a counter.
        String base = name.endsWith(TOTAL_SUFFIX) ? name.substring(0, name.length() - TOTAL_SUFFIX.length()) : name;
        Counter counter = Counter.builder().name(base).help(requireNonNull(help, "help is null")).labelNames(labelNames)
                .register(registry);
        return new CounterMetric() {
            @Override
            public void increment(String... labelValues) {
                counter.labelValues(labelValues).inc();
            }

            @Override
            public void initialize(String... labelValues) {
                counter.initLabelValues(labelValues);
            }
        };
    }

    @Override
    public GaugeMetric gauge(String name, String help, String... labelNames) {
        Gauge gauge = Gauge.builder().name(name).help(requireNonNull(help, "help is null")).labelNames(labelNames)
                .register(registry);
        return (value, labelValues) -> gauge.labelValues(labelValues).set(value);
    }

    @Override
    public HistogramMetric histogram(String name, String help, String... labelNames) {
        Histogram histogram = Histogram.builder().name(name).help(requireNonNull(help, "help is null"))
                .labelNames(labelNames).classicOnly().classicUpperBounds(SECONDS_BUCKETS).register(registry);
        return (seconds, labelValues) -> histogram.labelValues(labelValues).observe(seconds);
    }

    /** Every metric in the Prometheus text format. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing metrics to memory failed", impossible);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public String contentType() {
        return writer.getContentType();
    }
}
