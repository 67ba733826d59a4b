package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The server slots of one backend, numbered from 1 without gaps. */
public record SlotPool(List<Slot> slots) {
    public static final SlotPool NONE = new SlotPool(List.of());

    public SlotPool {
        slots = List.copyOf(requireNonNull(slots, "slots is null"));
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).number() != i + 1) {
                throw new IllegalArgumentException("slot " + (i + 1) + " is numbered " + slots.get(i).number());
            }
        }
    }

    /** A pool of the same size with every slot free. */
    SlotPool vacated() {
        List<Slot> free = new ArrayList<>(slots.size());
        slots.forEach(slot -> free.add(new Slot(slot.number(), Optional.empty())));
        return new SlotPool(free);
    }

    /** Whether any slot holds a target. */
    public boolean holdsTargets() {
        return slots.stream().anyMatch(slot -> slot.target().isPresent());
    }

    public int size() {
        return slots.size();
    }

    /** Whether both pools have as many slots, each free in both or pointing at the same address with the same weight. */
    boolean sameServers(SlotPool other) {
        if (slots.size() != other.slots.size()) {
            return false;
        }
        for (int i = 0; i < slots.size(); i++) {
            if (!slots.get(i).target().map(Slot::serverLine).equals(other.slots.get(i).target().map(Slot::serverLine))) {
                return false;
            }
        }
        return true;
    }

    /** The slot of that HAProxy server name ({@code slot3}), if the pool has it. */
    public Optional<Slot> slot(String serverName) {
        requireNonNull(serverName, "serverName is null");
        OptionalInt number = Slot.numberOf(serverName);
        return number.isPresent() && number.getAsInt() <= slots.size()
                ? Optional.of(slots.get(number.getAsInt() - 1))
                : Optional.empty();
    }
}
