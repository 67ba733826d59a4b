package dev.steward.haproxy.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.Balance;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.RetryPolicy;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.haproxy.slots.SlotAllocator;
import dev.steward.haproxy.slots.SlotPlan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReloadReasonTest {
    private static final Target R1 = new Target("127.0.0.1", 20001, "r1");
    private static final Target R2 = new Target("127.0.0.1", 20002, "r2");

    @Test
    void namesEveryKindOfChange() {
        RoutingState before = new RoutingState(1, new TargetGroups(List.of(
                new TargetGroup("a", "/a", List.of(R1)),
                new TargetGroup("b", "/b", List.of()),
                new TargetGroup("c", "/c", List.of()))), FallbackTargets.NONE);
        RoutingState after = new RoutingState(2, new TargetGroups(List.of(
                new TargetGroup("a", "/a", List.of(R1, R2)),
                new TargetGroup("b", "/b2", List.of()),
                new TargetGroup("d", "/d", List.of()))), new FallbackTargets(List.of(R1)));

        assertThat(ReloadReason.between(before, after)).isEqualTo(
                "groups added: d; groups removed: c; routes changed: b; targets changed: a; fallback targets changed");
    }

    @Test
    void aGroupsRetryChoiceIsASettingChange() {
        RoutingState before = new RoutingState(1, new TargetGroups(List.of(new TargetGroup("a", "/a", List.of(R1)))),
                FallbackTargets.NONE);
        RoutingState after = new RoutingState(2, new TargetGroups(List.of(new TargetGroup("a", "/a", Optional.empty(),
                List.of(R1), Balance.ROUND_ROBIN, HealthCheck.DEFAULT, RetryPolicy.SAFE_METHODS))), FallbackTargets.NONE);

        assertThat(ReloadReason.between(before, after)).isEqualTo("balance, health check or retry changed: a");
    }

    @Test
    void theOrderOfTargetsIsNoChange() {
        RoutingState before = new RoutingState(1, new TargetGroups(List.of(new TargetGroup("a", "/a", List.of(R1, R2)))),
                FallbackTargets.NONE);
        RoutingState after = new RoutingState(2, new TargetGroups(List.of(new TargetGroup("a", "/a", List.of(R2, R1)))),
                FallbackTargets.NONE);

        assertThat(ReloadReason.between(before, after)).isEqualTo("configuration changed");
    }

    @Test
    void namesThePoolsThatGrew() {
        SlotAllocator allocator = new SlotAllocator(1);
        RoutingState one = new RoutingState(1, new TargetGroups(List.of(new TargetGroup("a", "/a", List.of(R1)),
                new TargetGroup("b", "/b", List.of(R1)))), FallbackTargets.NONE);
        RoutingState three = new RoutingState(2, new TargetGroups(List.of(new TargetGroup("a", "/a", List.of(R1, R2)),
                new TargetGroup("b", "/b", List.of(R1)), new TargetGroup("c", "/c", List.of(R1, R2)))), new FallbackTargets(List.of(R1, R2)));
        SlotPlan before = allocator.plan(one);

        assertThat(ReloadReason.poolsGrown(before, allocator.plan(three, before)))
                .contains("pools grown: group_a 1 to 2 slots, steward_fallback 1 to 2 slots");
        assertThat(ReloadReason.poolsGrown(before, allocator.plan(one, before))).isEmpty();
    }
}
