package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.PortPolicy;
import dev.steward.api.ProxyBackend;
import dev.steward.core.engine.ReloadEngine;
import dev.steward.core.lifecycle.StopRequests;
import dev.steward.core.metrics.PrometheusMetrics;
import java.util.List;

/**
 * What the API reads and drives.
 *
 * @param nodeId this proxy node's id, shown in status
 * @param contributors the other parts of Steward that add routes, such as the {@code http} source
 * @param stopRequests where {@code POST /v1/stop} goes
 */
public record ApiServices(
        String nodeId,
        ReloadEngine engine,
        ProxyBackend backend,
        PortPolicy portPolicy,
        PrometheusMetrics metrics,
        List<RouteContributor> contributors,
        StopRequests stopRequests) {
    public ApiServices {
        requireNonNull(nodeId, "nodeId is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(backend, "backend is null");
        requireNonNull(portPolicy, "portPolicy is null");
        requireNonNull(metrics, "metrics is null");
        contributors = List.copyOf(requireNonNull(contributors, "contributors is null"));
        requireNonNull(stopRequests, "stopRequests is null");
    }
}
