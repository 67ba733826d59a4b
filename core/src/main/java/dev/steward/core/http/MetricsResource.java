package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import dev.steward.core.metrics.PrometheusMetrics;
import java.util.List;

/** {@code /metrics}: every metric of core and the plugins in the Prometheus text format. */
final class MetricsResource {
    private final PrometheusMetrics metrics;

    MetricsResource(PrometheusMetrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/metrics",
                request -> ApiResponse.text(HttpStatus.OK, metrics.contentType(), metrics.scrape())));
    }
}
