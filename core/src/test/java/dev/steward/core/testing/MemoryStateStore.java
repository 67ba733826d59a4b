package dev.steward.core.testing;

import dev.steward.api.model.RoutingState;
import dev.steward.core.engine.AppliedStateStore;
import dev.steward.core.engine.StateStoreException;
import java.util.Optional;

/** Keeps the applied state in memory; can be told to fail like a full disk. */
public final class MemoryStateStore implements AppliedStateStore {
    private Optional<RoutingState> stored = Optional.empty();
    private boolean failSaves;

    @Override
    public Optional<RoutingState> load() {
        return stored;
    }

    @Override
    public void save(RoutingState state) {
        if (failSaves) {
            throw new StateStoreException("disk full");
        }
        stored = Optional.of(state);
    }

    public void failSaves(boolean fail) {
        failSaves = fail;
    }
}
