package dev.steward.core.engine;

import dev.steward.api.model.RoutingState;

/** Told after each successful apply, outside the engine's lock. */
@FunctionalInterface
public interface ApplyListener {
    void applied(RoutingState state);
}
