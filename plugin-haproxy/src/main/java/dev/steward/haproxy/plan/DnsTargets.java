package dev.steward.haproxy.plan;

import dev.steward.api.model.ModelRules;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.haproxy.slots.BackendNames;
import dev.steward.haproxy.slots.Reconciler;
import dev.steward.haproxy.slots.Slot;
import dev.steward.haproxy.slots.SlotPlan;
import dev.steward.haproxy.slots.SlotPool;
import java.util.ArrayList;
import java.util.List;

/**
 * The targets named by DNS that enter a slot: HAProxy resolves a name only when it starts, and the
 * runtime API takes only addresses, so each of them needs a reload. A target that keeps its slot
 * keeps the address HAProxy resolved for it.
 */
final class DnsTargets {
    private DnsTargets() {}

    /** Why each such target cannot enter its slot at runtime, in the order of the state's groups, the fallback last. */
    static List<String> entering(RoutingState state, SlotPlan before, SlotPlan plan) {
        List<String> reasons = new ArrayList<>();
        for (TargetGroup group : state.targetGroups().groups()) {
            add(reasons, BackendNames.group(group.name()), before.group(group.name()).orElse(SlotPool.NONE),
                    plan.group(group.name()).orElse(SlotPool.NONE));
        }
        add(reasons, BackendNames.FALLBACK, before.fallback(), plan.fallback());
        return reasons;
    }

    private static void add(List<String> reasons, String backend, SlotPool before, SlotPool after) {
        for (Slot slot : after.slots()) {
            slot.target()
                    .filter(target -> !ModelRules.isIpLiteral(target.host()))
                    .filter(target -> before.slot(slot.name()).flatMap(Slot::target).filter(kept -> sameReplica(kept, target))
                            .isEmpty())
                    .ifPresent(target -> reasons.add(Reconciler.needsResolving(slot.in(backend), target)));
        }
    }

    private static boolean sameReplica(Target kept, Target target) {
        return kept.replicaId().equals(target.replicaId()) && kept.address().equals(target.address());
    }
}
