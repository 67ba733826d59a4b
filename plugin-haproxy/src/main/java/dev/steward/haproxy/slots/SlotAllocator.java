package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Places targets into slots. A replica keeps its slot from one plan to the next as long as its
 * address stays the same (a weight change keeps it too); new replicas take the lowest free slots, and a pool that must grow doubles from the configured minimum; a pool
 * never shrinks while its group lives, so that churn does not change the pool's shape.
 *
 * <p>A slot whose replica left is not handed to a newcomer in the same plan: it drains first, and
 * returns to the pool only once it is empty in the plan a later call gets as {@code previous}. The
 * pool grows when its targets and the slots they left do not fit together.
 *
 * <p>A replica that moves to another address is a newcomer in a new slot, and its old slot drains
 * (make before break): a slot changes its address only in maintenance, and a group whose only
 * replica sat in that slot would have no usable server for that moment: its requests would get a
 * 503.
 */
public final class SlotAllocator {
    private final int minimumSize;

    public SlotAllocator(int minimumSize) {
        if (minimumSize < 1) {
            throw new IllegalArgumentException("minimumSize must be >= 1, found " + minimumSize);
        }
        this.minimumSize = minimumSize;
    }

    /** A plan for {@code state} that keeps what it can of {@code previous}. */
    public SlotPlan plan(RoutingState state, SlotPlan previous) {
        requireNonNull(state, "state is null");
        requireNonNull(previous, "previous is null");
        Map<String, SlotPool> groups = new HashMap<>();
        for (TargetGroup group : state.targetGroups().groups()) {
            groups.put(group.name(), pool(group.targets(), previous.group(group.name()).orElse(SlotPool.NONE)));
        }
        return new SlotPlan(groups, pool(state.fallbackTargets().targets(), previous.fallback()));
    }

    /** A fresh plan, as the state alone gives it. */
    public SlotPlan plan(RoutingState state) {
        return plan(state, SlotPlan.NONE);
    }

    private SlotPool pool(List<Target> targets, SlotPool previous) {
        Map<String, Integer> previousNumbers = new HashMap<>();
        previous.slots().forEach(slot -> slot.target().ifPresent(target -> previousNumbers.put(identity(target), slot.number())));
        Set<Integer> left = new HashSet<>(previousNumbers.values());
        List<Target> newcomers = new ArrayList<>();
        for (Target target : targets) {
            Integer kept = previousNumbers.get(identity(target));
            if (kept != null) {
                left.remove(kept);
            } else {
                newcomers.add(target);
            }
        }
        int size = Math.max(sizeFor(targets.size() + left.size()), previous.size());
        Target[] placed = new Target[size];
        for (Target target : targets) {
            Integer kept = previousNumbers.get(identity(target));
            if (kept != null) {
                placed[kept - 1] = target;
            }
        }
        int next = 0;
        for (Target target : newcomers) {
            while (placed[next] != null || left.contains(next + 1)) {
                next++;
            }
            placed[next] = target;
        }
        List<Slot> slots = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            slots.add(new Slot(i + 1, Optional.ofNullable(placed[i])));
        }
        return new SlotPool(slots);
    }

    private static String identity(Target target) {
        return target.replicaId() + "@" + target.address();
    }

    private int sizeFor(int targets) {
        int size = minimumSize;
        while (size < targets) {
            size *= 2;
        }
        return size;
    }
}
