package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.PortPolicy;
import dev.steward.api.ProxyBackend;
import dev.steward.core.engine.ReloadEngine;
import dev.steward.core.engine.SourceSink;
import dev.steward.core.lifecycle.StopRequests;
import dev.steward.core.metrics.PrometheusMetrics;
import java.util.Optional;

/**
 * What the API reads and drives.
 *
 * @param nodeId this proxy node's id, shown in status
 * @param httpSource where PUT bodies go; empty when {@code http} is not among the broadcast sources
 * @param stopRequests where {@code POST /v1/stop} goes
 */
public record ApiServices(
        String nodeId,
        ReloadEngine engine,
        ProxyBackend backend,
        PortPolicy portPolicy,
        PrometheusMetrics metrics,
        Optional<SourceSink> httpSource,
        StopRequests stopRequests) {
    public ApiServices {
        requireNonNull(nodeId, "nodeId is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(backend, "backend is null");
        requireNonNull(portPolicy, "portPolicy is null");
        requireNonNull(metrics, "metrics is null");
        requireNonNull(httpSource, "httpSource is null");
        requireNonNull(stopRequests, "stopRequests is null");
    }
}
