package dev.steward.haproxy.slots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlotAllocatorTest {
    private final SlotAllocator allocator = new SlotAllocator(4);

    @Test
    void aPoolHasTheMinimumSizeWithFreeSlotsLast() {
        SlotPlan plan = allocator.plan(state(targets(1, 2)));

        assertThat(names(plan.group("app").orElseThrow())).containsExactly("r1", "r2", "-", "-");
        assertThat(plan.fallback().size()).isEqualTo(4);
    }

    @Test
    void aPoolGrowsByDoubling() {
        assertThat(allocator.plan(state(targets(1, 5))).group("app").orElseThrow().size()).isEqualTo(8);
        assertThat(allocator.plan(state(targets(1, 17))).group("app").orElseThrow().size()).isEqualTo(32);
    }

    @Test
    void aReplicaKeepsItsSlotAndANewOneTakesTheLowestFreeSlot() {
        SlotPlan first = allocator.plan(state(targets(1, 2)));

        SlotPlan second = allocator.plan(state(List.of(target(2), target(9), target(1))), first);

        assertThat(names(second.group("app").orElseThrow())).containsExactly("r1", "r2", "r9", "-");
    }

    @Test
    void aSlotWhoseReplicaLeftIsNotHandedToANewcomerInTheSamePlan() {
        SlotPlan first = allocator.plan(state(targets(1, 3)));

        SlotPlan second = allocator.plan(state(List.of(target(3), target(9), target(1))), first);
        SlotPlan third = allocator.plan(state(List.of(target(3), target(9), target(1), target(10))), second);

        assertThat(names(second.group("app").orElseThrow())).as("slot2 drains r2").containsExactly("r1", "-", "r3", "r9");
        assertThat(names(third.group("app").orElseThrow())).as("once empty in the plan, slot2 is free again")
                .containsExactly("r1", "r10", "r3", "r9");
    }

    @Test
    void aPoolGrowsWhenItsTargetsAndTheSlotsTheyLeftDoNotFit() {
        SlotPlan full = allocator.plan(state(targets(1, 4)));

        SlotPlan replaced = allocator.plan(state(List.of(target(1), target(2), target(3), target(5))), full);

        assertThat(names(replaced.group("app").orElseThrow())).containsExactly("r1", "r2", "r3", "-", "r5", "-", "-", "-");
    }

    @Test
    void aReplicaMovedToAnotherPortTakesANewSlotWhileItsOldOneDrains() {
        SlotPlan first = allocator.plan(state(targets(1, 2)));

        SlotPlan second = allocator.plan(state(List.of(target(1), new Target("127.0.0.1", 30002, "r2"))), first);

        SlotPool pool = second.group("app").orElseThrow();
        assertThat(pool.slot("slot2").orElseThrow().target()).as("the old address's slot, draining").isEmpty();
        assertThat(pool.slot("slot3").orElseThrow().target()).contains(new Target("127.0.0.1", 30002, "r2"));
    }

    @Test
    void aWeightChangeKeepsTheSlot() {
        SlotPlan first = allocator.plan(state(targets(1, 2)));

        SlotPlan second = allocator.plan(state(List.of(target(1), new Target("127.0.0.1", 20002, "r2", 5))), first);

        assertThat(second.group("app").orElseThrow().slot("slot2").orElseThrow().target())
                .contains(new Target("127.0.0.1", 20002, "r2", 5));
    }

    @Test
    void aPoolDoesNotShrinkWhileItsGroupLives() {
        SlotPlan grown = allocator.plan(state(targets(1, 6)));

        SlotPlan after = allocator.plan(state(targets(1, 1)), grown);

        assertThat(after.group("app").orElseThrow().size()).isEqualTo(8);
    }

    @Test
    void slotsAreFoundByTheirServerNameOnly() {
        SlotPool pool = allocator.plan(state(targets(1, 1))).group("app").orElseThrow();

        assertThat(pool.slot("slot1").orElseThrow().target()).contains(target(1));
        assertThat(pool.slot("slot4")).isPresent();
        assertThat(pool.slot("slot5")).isEmpty();
        assertThat(pool.slot("slot0")).isEmpty();
        assertThat(pool.slot("slot01")).isEmpty();
        assertThat(pool.slot("s1")).isEmpty();
        assertThat(pool.slot("slot99999999999")).isEmpty();
    }

    @Test
    void theFallbackTargetsHaveTheirOwnPool() {
        RoutingState state = new RoutingState(1, TargetGroups.NONE, new FallbackTargets(targets(1, 2)));

        assertThat(names(allocator.plan(state).fallback())).containsExactly("r1", "r2", "-", "-");
        assertThat(allocator.plan(state).byBackend()).containsOnlyKeys("steward_fallback");
    }

    private static RoutingState state(List<Target> targets) {
        return new RoutingState(1, new TargetGroups(List.of(new TargetGroup("app", "/app", targets))), FallbackTargets.NONE);
    }

    private static List<Target> targets(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(SlotAllocatorTest::target).toList();
    }

    private static Target target(int n) {
        return new Target("127.0.0.1", 20000 + n, "r" + n);
    }

    private static List<String> names(SlotPool pool) {
        return pool.slots().stream().map(slot -> slot.target().map(Target::replicaId).orElse("-")).toList();
    }
}
