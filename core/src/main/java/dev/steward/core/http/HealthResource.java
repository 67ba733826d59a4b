package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ProxyBackend;
import dev.steward.core.engine.ReloadEngine;
import java.util.List;
import java.util.Map;

/** {@code /-/healthz} for liveness and {@code /-/ready} for readiness; both open to probes. */
final class HealthResource {
    private final ReloadEngine engine;
    private final ProxyBackend backend;

    HealthResource(ReloadEngine engine, ProxyBackend backend) {
        this.engine = requireNonNull(engine, "engine is null");
        this.backend = requireNonNull(backend, "backend is null");
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/-/healthz", request -> ApiResponse.json(HttpStatus.OK, Map.of("status", "ok"))),
                Route.of("GET", "/-/ready", request -> ready()));
    }

    private ApiResponse ready() {
        Readiness readiness = Readiness.of(engine.status(), backend.status());
        return ApiResponse.json(readiness.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, readiness.toJson());
    }
}
