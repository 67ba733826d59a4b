package dev.steward.haproxy.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.model.Balance;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.api.proxy.ApplyForecast;
import dev.steward.haproxy.TestSettings;
import dev.steward.haproxy.config.ConfigRenderer;
import dev.steward.haproxy.settings.RuntimePaths;
import dev.steward.haproxy.slots.SlotAllocator;
import dev.steward.haproxy.slots.SlotPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runtime-or-reload decision, by table: what runs and the next state in, a runtime plan or a reason out. */
class ApplyPlannerTest {
    private static final Path DATA = Path.of("/var/lib/steward-test/haproxy");
    private static final Target R1 = new Target("10.0.0.1", 8080, "r1");
    private static final Target R2 = new Target("10.0.0.2", 8080, "r2");
    private static final Target R3 = new Target("10.0.0.3", 8080, "r3");
    private static final Target NAMED = new Target("replica-4.internal", 8080, "r4");

    private final SlotAllocator allocator = new SlotAllocator(2);
    private final ConfigRenderer renderer = new ConfigRenderer(TestSettings.read(Map.of()), RuntimePaths.under(DATA));
    private final ApplyPlanner planner = new ApplyPlanner(allocator, renderer, true);

    @Test
    void nothingRunningIsAFirstStart() {
        ApplyPlan plan = planner.plan(new Current.Idle(SlotPlan.NONE, Optional.empty()), state(1, group("app1", R1)));

        assertThat(plan).isEqualTo(new ApplyPlan.Reload(allocator.plan(state(1, group("app1", R1))), "first start"));
        assertThat(plan.forecast().reloadReason()).hasValue("first start");
    }

    @Test
    void aProcessThatExitedIsReplacedAndItsSlotsAreKept() {
        RoutingState before = state(1, group("app1", R1, R2));
        SlotPlan served = allocator.plan(before);

        ApplyPlan plan = planner.plan(new Current.Idle(served, Optional.of("HAProxy spawn 1 (pid 7) had exited with status 137")),
                state(2, group("app1", R2, R1)));

        assertThat(plan).isInstanceOf(ApplyPlan.Reload.class);
        assertThat(((ApplyPlan.Reload) plan).reason()).isEqualTo("HAProxy spawn 1 (pid 7) had exited with status 137");
        assertThat(plan.plan()).isEqualTo(served);
    }

    @Test
    void aTargetChangeWithinThePoolIsARuntimePlanThatRewritesTheConfiguration() {
        RoutingState before = state(1, group("app1", R1));

        ApplyPlan plan = planner.plan(serving(before), state(2, group("app1", R2)));

        assertThat(plan).isInstanceOf(ApplyPlan.Runtime.class);
        assertThat(((ApplyPlan.Runtime) plan).rewritesConfig()).isTrue();
        assertThat(plan.forecast()).isSameAs(ApplyForecast.runtime());
        assertThat(plan.plan().group("app1").orElseThrow().slots().get(1).target()).as("the newcomer takes slot 2").hasValue(R2);
    }

    @Test
    void aWeightChangeIsARuntimePlan() {
        ApplyPlan plan = planner.plan(serving(state(1, group("app1", R1))), state(2, group("app1", new Target("10.0.0.1", 8080, "r1", 5))));

        assertThat(plan).isInstanceOf(ApplyPlan.Runtime.class);
        assertThat(((ApplyPlan.Runtime) plan).rewritesConfig()).isTrue();
    }

    @Test
    void theSameTargetsInAnotherOrderChangeNothing() {
        ApplyPlan plan = planner.plan(serving(state(1, group("app1", R1, R2))), state(2, group("app1", R2, R1)));

        assertThat(plan).isInstanceOf(ApplyPlan.Runtime.class);
        assertThat(((ApplyPlan.Runtime) plan).rewritesConfig()).isFalse();
    }

    @Test
    void aGroupAddedOrRemovedReloads() {
        RoutingState one = state(1, group("app1", R1));
        RoutingState two = state(2, group("app1", R1), group("app2", R2));

        assertThat(reason(planner.plan(serving(one), two))).isEqualTo("groups added: app2");
        assertThat(reason(planner.plan(serving(two), state(3, group("app2", R2))))).isEqualTo("groups removed: app1");
    }

    @Test
    void aRouteBalanceOrHealthCheckChangedReloads() {
        RoutingState before = state(1, group("app1", R1));
        TargetGroup app1 = group("app1", R1);

        assertThat(reason(planner.plan(serving(before), state(2, new TargetGroup("app1", "/other", app1.targets())))))
                .isEqualTo("routes changed: app1");
        assertThat(reason(planner.plan(serving(before), state(2, new TargetGroup("app1", "/app1", Optional.of("app.example.com"),
                app1.targets(), Balance.ROUND_ROBIN, HealthCheck.DEFAULT))))).isEqualTo("routes changed: app1");
        assertThat(reason(planner.plan(serving(before), state(2, new TargetGroup("app1", "/app1", Optional.empty(),
                app1.targets(), Balance.LEAST_CONN, HealthCheck.DEFAULT))))).isEqualTo("balance, health check or retry changed: app1");
        assertThat(reason(planner.plan(serving(before), state(2, new TargetGroup("app1", "/app1", Optional.empty(),
                app1.targets(), Balance.ROUND_ROBIN, new HealthCheck(Optional.of("/health"), Duration.ofSeconds(2), 2, 3))))))
                .isEqualTo("balance, health check or retry changed: app1");
    }

    @Test
    void aPoolThatMustGrowReloadsAndSaysByHowMuch() {
        ApplyPlan plan = planner.plan(serving(state(1, group("app1", R1, R2))), state(2, group("app1", R1, R2, R3)));

        assertThat(reason(plan)).isEqualTo("pools grown: group_app1 2 to 4 slots; targets changed: app1");
        assertThat(plan.plan().group("app1").orElseThrow().size()).isEqualTo(4);
    }

    @Test
    void aGrowingFallbackPoolReloads() {
        RoutingState before = state(1, List.of(group("app1", R1)), List.of(R1, R2));

        assertThat(reason(planner.plan(serving(before), state(2, List.of(group("app1", R1)), List.of(R1, R2, R3)))))
                .isEqualTo("pools grown: steward_fallback 2 to 4 slots; fallback targets changed");
    }

    @Test
    void aSlotStillDrainingIsKeptFromANewcomerSoThePoolGrows() {
        RoutingState before = state(1, group("app1", R1, R2));
        SlotPlan served = allocator.plan(before);
        SlotPlan draining = allocator.plan(state(2, group("app1", R1)), served);
        // R2 left at revision 2 and still drains in slot 2: the overlay puts it back there.
        Current current = new Current.Serving("HAProxy spawn 1 (pid 7)", Served.rendered(state(2, group("app1", R1)), draining),
                served, Optional.empty(), Optional.empty());

        assertThat(reason(planner.plan(current, state(3, group("app1", R1, R3))))).startsWith("pools grown: group_app1 2 to 4 slots");
    }

    @Test
    void aTargetNamedByDnsEnteringASlotReloadsAndOneKeepingItsSlotDoesNot() {
        RoutingState before = state(1, group("app1", R1));

        assertThat(reason(planner.plan(serving(before), state(2, group("app1", R1, NAMED)))))
                .isEqualTo("group_app1/slot2 must point at replica-4.internal:8080, a DNS name, which HAProxy resolves only when it starts");
        RoutingState named = state(2, group("app1", R1, NAMED));
        assertThat(planner.plan(serving(named), state(3, group("app1", NAMED)))).isInstanceOf(ApplyPlan.Runtime.class);
    }

    @Test
    void aTargetNamedByDnsEnteringTheFallbackReloads() {
        RoutingState before = state(1, List.of(group("app1", R1)), List.of(R1));

        assertThat(reason(planner.plan(serving(before), state(2, List.of(group("app1", R1)), List.of(R1, NAMED)))))
                .isEqualTo("steward_fallback/slot2 must point at replica-4.internal:8080, a DNS name, which HAProxy resolves only when it starts");
    }

    @Test
    void withoutRuntimeUpdatesOnlyTheRunningConfigurationSkipsTheReload() {
        ApplyPlanner reloadOnly = new ApplyPlanner(allocator, renderer, false);
        RoutingState before = state(1, group("app1", R1, R2));

        assertThat(reason(reloadOnly.plan(serving(before), state(2, group("app1", R1)))))
                .isEqualTo("runtime updates are off: targets changed: app1");
        ApplyPlan same = reloadOnly.plan(serving(before), state(2, group("app1", R2, R1)));
        assertThat(same).isInstanceOf(ApplyPlan.Runtime.class);
        assertThat(((ApplyPlan.Runtime) same).rewritesConfig()).isFalse();
        assertThat(reason(reloadOnly.plan(serving(before), state(2, group("app1", R1), group("app2", R2)))))
                .as("a change of shape names its changes as with runtime updates").isEqualTo("groups added: app2; targets changed: app1");
    }

    @Test
    void anAdoptedProcessOnTheConfigurationTheStateRendersTakesItAtRuntime() {
        RoutingState state = state(5, group("app1", R1, R2));
        SlotPlan slots = allocator.plan(state);

        ApplyPlan plan = planner.plan(adopted(Optional.of(renderer.render(state, slots)), slots, Optional.empty()),
                state(6, group("app1", R1, R2)));

        assertThat(plan).isInstanceOf(ApplyPlan.Runtime.class);
        assertThat(((ApplyPlan.Runtime) plan).rewritesConfig()).isFalse();
    }

    @Test
    void anAdoptedProcessWhoseSlotsMovedSinceItsFileWasWrittenTakesTheStateAtRuntimeAndRewritesTheFile() {
        RoutingState written = state(5, group("app1", R1));
        SlotPlan slots = allocator.plan(state(6, group("app1", R2)));

        ApplyPlan plan = planner.plan(adopted(Optional.of(renderer.render(written, allocator.plan(written))), slots, Optional.empty()),
                state(6, group("app1", R2)));

        assertThat(plan).isInstanceOf(ApplyPlan.Runtime.class);
        assertThat(((ApplyPlan.Runtime) plan).rewritesConfig()).isTrue();
    }

    @Test
    void anAdoptedProcessOnAnotherConfigurationReloadsSayingWhy() {
        RoutingState written = state(5, group("app1", R1));
        String text = renderer.render(written, allocator.plan(written));
        SlotPlan slots = allocator.plan(written);
        RoutingState next = state(6, group("app1", R1), group("app2", R2));

        assertThat(reason(planner.plan(adopted(Optional.of(text), slots, Optional.empty()), next)))
                .isEqualTo("the adopted HAProxy spawn 1 (pid 7, adopted) runs another configuration than revision 6 renders");
        assertThat(reason(planner.plan(adopted(Optional.empty(), slots, Optional.empty()), next)))
                .isEqualTo("the adopted HAProxy spawn 1 (pid 7, adopted) runs a configuration Steward cannot see ("
                        + DATA.resolve("haproxy.cfg") + " is missing)");
        assertThat(reason(planner.plan(adopted(Optional.of(text), SlotPlan.NONE, Optional.of("no answer")), written)))
                .isEqualTo("the slots of the adopted HAProxy spawn 1 (pid 7, adopted) cannot be read back: no answer");
    }

    @Test
    void aReloadOwedIsTakenWhateverTheState() {
        RoutingState before = state(1, group("app1", R1));
        Current owing = new Current.Serving("HAProxy spawn 1 (pid 7)", Served.rendered(before, allocator.plan(before)),
                allocator.plan(before), Optional.empty(), Optional.of("the runtime update failed: Permission denied"));

        assertThat(reason(planner.plan(owing, state(2, group("app1", R2))))).isEqualTo("the runtime update failed: Permission denied");
        assertThat(reason(planner.plan(owing, before))).isEqualTo("the runtime update failed: Permission denied");
    }

    @Test
    void onlyAnAdoptedProcessHasSlotsThatCannotBeReadBack() {
        RoutingState before = state(1, group("app1", R1));

        assertThatThrownBy(() -> new Current.Serving("HAProxy spawn 1 (pid 7)", Served.rendered(before, allocator.plan(before)),
                allocator.plan(before), Optional.of("no answer"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** What runs after {@code state} was applied: its slots as the allocator placed them, nothing draining. */
    private Current serving(RoutingState state) {
        SlotPlan plan = allocator.plan(state);
        return new Current.Serving("HAProxy spawn 1 (pid 7)", Served.rendered(state, plan), plan, Optional.empty(), Optional.empty());
    }

    private static Current adopted(Optional<String> text, SlotPlan readBack, Optional<String> unreadable) {
        Served served = new Served(new RoutingState(5, TargetGroups.NONE, FallbackTargets.NONE), SlotPlan.NONE,
                new Configuration.Adopted(DATA.resolve("haproxy.cfg"), text));
        return new Current.Serving("HAProxy spawn 1 (pid 7, adopted)", served, readBack, unreadable, Optional.empty());
    }

    private static String reason(ApplyPlan plan) {
        assertThat(plan).isInstanceOf(ApplyPlan.Reload.class);
        return ((ApplyPlan.Reload) plan).reason();
    }

    private static TargetGroup group(String name, Target... targets) {
        return new TargetGroup(name, "/" + name, List.of(targets));
    }

    private static RoutingState state(long revision, TargetGroup... groups) {
        return state(revision, List.of(groups), List.of());
    }

    private static RoutingState state(long revision, List<TargetGroup> groups, List<Target> fallback) {
        return new RoutingState(revision, new TargetGroups(groups), new FallbackTargets(fallback));
    }
}
