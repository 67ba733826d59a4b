package dev.steward.bench.engine;

import dev.steward.api.model.RoutingState;
import dev.steward.core.engine.AppliedStateStore;
import java.util.Map;
import java.util.Optional;

/** Keeps nothing on disk, so the benchmark measures the engine, not the file system. */
public final class MemoryStore implements AppliedStateStore {
    private volatile Optional<RoutingState> stored = Optional.empty();
    private volatile long reserved;
    private volatile Map<String, String> deliveries = Map.of();

    @Override
    public Optional<RoutingState> load() {
        return stored;
    }

    @Override
    public void save(RoutingState state) {
        stored = Optional.of(state);
    }

    @Override
    public Map<String, String> deliveries() {
        return deliveries;
    }

    @Override
    public void saveDeliveries(Map<String, String> delivered) {
        deliveries = Map.copyOf(delivered);
    }

    @Override
    public long reservedRevision() {
        return reserved;
    }

    @Override
    public void reserveRevisions(long revision) {
        reserved = revision;
    }
}
