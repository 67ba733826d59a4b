package dev.steward.core.testing;

import dev.steward.api.model.RoutingState;
import dev.steward.core.engine.AppliedStateStore;
import dev.steward.core.engine.StateStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keeps the applied state, what the sources delivered for it and the revision reservation in memory; can be told to fail like a full disk. */
public final class MemoryStateStore implements AppliedStateStore {
    private Optional<RoutingState> stored = Optional.empty();
    private Map<String, String> deliveries = Map.of();
    private final List<Long> reservations = new ArrayList<>();
    private boolean failSaves;
    private boolean failReservations;

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

    @Override
    public Map<String, String> deliveries() {
        return deliveries;
    }

    @Override
    public void saveDeliveries(Map<String, String> delivered) {
        if (failSaves) {
            throw new StateStoreException("disk full");
        }
        deliveries = Map.copyOf(delivered);
    }

    public void failSaves(boolean fail) {
        failSaves = fail;
    }

    @Override
    public long reservedRevision() {
        return reservations.isEmpty() ? 0 : reservations.getLast();
    }

    @Override
    public void reserveRevisions(long revision) {
        if (failReservations) {
            throw new StateStoreException("disk full");
        }
        reservations.add(revision);
    }

    /** Every reservation written, oldest first. */
    public List<Long> reservations() {
        return List.copyOf(reservations);
    }

    public void failReservations(boolean fail) {
        failReservations = fail;
    }
}
