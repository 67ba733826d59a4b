package dev.steward.haproxy.slots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.haproxy.runtime.ServersState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The slots of an adopted HAProxy, read back from an answer captured from HAProxy 2.6.12. */
class AdoptedSlotsTest {
    private static final ServersState CAPTURED = ServersState.parse(resource("runtime/show-servers-state.txt"));
    private static final Target KEPT = new Target("127.0.0.1", 18601, "app1-kept", 1);
    private static final Target DRAINING = new Target("127.0.0.1", 18602, "app1-draining", 3);
    private static final Target NEW = new Target("127.0.0.1", 18999, "app1-new", 1);

    @Test
    void aSlotPointingAtATargetOfTheStateHoldsThatTargetAndAFreeSlotStaysFree() {
        SlotPlan plan = AdoptedSlots.recover(CAPTURED, state(List.of(KEPT, DRAINING, NEW), List.of()));

        SlotPool pool = plan.group("app1").orElseThrow();
        assertThat(pool.size()).isEqualTo(4);
        assertThat(pool.slots().get(0).target()).hasValue(KEPT);
        assertThat(pool.slots().get(1).target()).hasValue(DRAINING);
        assertThat(pool.slots().get(3).target()).as("the slot in maintenance at the placeholder").isEmpty();
    }

    @Test
    void aSlotStillTakingRequestsForATargetThatLeftHoldsAStandInThatLeavesWithTheNextPlan() {
        SlotPlan plan = AdoptedSlots.recover(CAPTURED, state(List.of(KEPT), List.of()));

        Optional<Target> left = plan.group("app1").orElseThrow().slots().get(2).target();
        assertThat(left).hasValueSatisfying(target -> {
            assertThat(target.address()).isEqualTo("127.0.0.1:18603");
            assertThat(target.replicaId()).isEqualTo("left.slot3");
            assertThat(target.weight()).isEqualTo(2);
        });
        SlotPlan next = new SlotAllocator(4).plan(state(List.of(KEPT, NEW), List.of()), plan);
        assertThat(next.group("app1").orElseThrow().slots().get(2).target()).as("the slot drains, no newcomer takes it").isEmpty();
        assertThat(next.group("app1").orElseThrow().slots().get(0).target()).hasValue(KEPT);
    }

    @Test
    void aStandInNeverTakesTheIdOfAReplicaOfThePool() {
        Target named = new Target("127.0.0.1", 18888, "left.slot3", 1);

        SlotPlan plan = AdoptedSlots.recover(CAPTURED, state(List.of(KEPT, named), List.of()));

        assertThat(plan.group("app1").orElseThrow().slots().get(2).target().orElseThrow().replicaId()).isEqualTo("left.slot3.1");
    }

    @Test
    void aGroupTheRunningProcessDoesNotHaveGetsNoPoolAndTheFallbackPoolIsReadToo() {
        Target fallback = new Target("::1", 18700, "fallback-1", 1);
        RoutingState state = new RoutingState(5, new TargetGroups(List.of(new TargetGroup("app1", "/app1", List.of(KEPT)),
                new TargetGroup("app2", "/app2", List.of(NEW)))), new FallbackTargets(List.of(fallback)));

        SlotPlan plan = AdoptedSlots.recover(CAPTURED, state);

        assertThat(plan.group("app2")).isEmpty();
        assertThat(plan.fallback().slots()).extracting(Slot::target).containsExactly(Optional.of(fallback), Optional.empty());
    }

    private static RoutingState state(List<Target> targets, List<Target> fallback) {
        return new RoutingState(2, new TargetGroups(List.of(new TargetGroup("app1", "/app1", targets))),
                new FallbackTargets(fallback));
    }

    private static String resource(String name) {
        try (InputStream in = AdoptedSlotsTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException problem) {
            throw new UncheckedIOException(problem);
        }
    }
}
