package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.RoutingEncoder;
import dev.steward.api.model.RoutingState;
import dev.steward.core.engine.ReloadEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/state}: the routing state accepted now, in the shape a PUT takes, with its revision. */
final class StateResource {
    private final ReloadEngine engine;

    StateResource(ReloadEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/v1/state", request -> ApiResponse.json(HttpStatus.OK, state())));
    }

    private Map<String, Object> state() {
        RoutingState state = engine.state();
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("revision", state.revision());
        tree.putAll(RoutingEncoder.document(state.targetGroups(), state.fallbackTargets()));
        return tree;
    }
}
