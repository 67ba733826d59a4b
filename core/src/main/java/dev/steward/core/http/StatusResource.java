package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ProxyBackend;
import dev.steward.core.engine.ReloadEngine;
import java.util.List;

/** {@code GET /v1/status}: revisions, applies, broadcasts and the proxy's process. */
final class StatusResource {
    private final String nodeId;
    private final ReloadEngine engine;
    private final ProxyBackend backend;

    StatusResource(String nodeId, ReloadEngine engine, ProxyBackend backend) {
        this.nodeId = requireNonNull(nodeId, "nodeId is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.backend = requireNonNull(backend, "backend is null");
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/v1/status",
                request -> ApiResponse.json(HttpStatus.OK, StatusDocument.of(nodeId, engine.status(), backend.status()))));
    }
}
