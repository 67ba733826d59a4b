package dev.steward.haproxy.slots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.haproxy.runtime.ServerName;
import dev.steward.haproxy.runtime.ServerSessions;
import dev.steward.testkit.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DrainsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ServerName SLOT2 = new ServerName("group_app", "slot2");

    private final ManualTime time = new ManualTime();
    /** When a drain started before the clock moves ends at the latest. */
    private final long deadline = time.monotonicNanos() + TIMEOUT.toNanos();
    private final Drains drains = new Drains(TIMEOUT, time);
    private final SlotAllocator allocator = new SlotAllocator(4);
    private final List<String> askedBackends = new ArrayList<>();

    @Test
    void aTargetThatLeftDrainsAndKeepsItsSlotFromNewcomers() {
        SlotPlan first = allocator.plan(state(1, 2, 3));
        SlotPlan second = change(first, state(1, 3, 9));

        assertThat(drains.targets()).containsExactly(Map.entry(SLOT2, target(2)));
        SlotPlan third = change(second, state(1, 3, 9, 10));
        assertThat(third.group("app").orElseThrow().slot("slot2").orElseThrow().target()).as("still draining").isEmpty();
        assertThat(drains.targets()).containsOnlyKeys(SLOT2);
    }

    @Test
    void aDrainEndsWhenNoRequestIsLeft() {
        change(allocator.plan(state(1, 2)), state(1));

        assertThat(drains.releaseFinished(backend -> sessions(backend, 1))).isEmpty();
        assertThat(drains.releaseFinished(backend -> sessions(backend, 0)))
                .containsExactly(new Drains.Released(new Drains.Drain(SLOT2, target(2), 1, deadline), Drains.Released.Cause.EMPTY));
        assertThat(drains.isEmpty()).isTrue();
        assertThat(askedBackends).containsExactly("group_app", "group_app");
    }

    @Test
    void aDrainEndsAtItsTimeoutWithRequestsLeft() {
        change(allocator.plan(state(1, 2)), state(1));

        time.advance(TIMEOUT.minusMillis(1));
        assertThat(drains.releaseFinished(backend -> sessions(backend, 5))).isEmpty();
        time.advance(Duration.ofMillis(1));

        assertThat(drains.releaseFinished(backend -> sessions(backend, 5)))
                .containsExactly(new Drains.Released(new Drains.Drain(SLOT2, target(2), 1, deadline), Drains.Released.Cause.TIMEOUT));
    }

    @Test
    void aDrainKeepsItsDeadlineAcrossLaterChanges() {
        SlotPlan second = change(allocator.plan(state(1, 2)), state(1));

        time.advance(Duration.ofSeconds(10));
        change(second, state(1, 5));

        assertThat(drains.releaseFinished(backend -> sessions(backend, 1))).isEmpty();
        time.advance(Duration.ofSeconds(20));
        assertThat(drains.releaseFinished(backend -> sessions(backend, 1))).extracting(done -> done.drain().deadlineNanos())
                .containsExactly(deadline);
    }

    @Test
    void aTargetThatComesBackWhileItsSlotDrainsServesFromItAgain() {
        SlotPlan second = change(allocator.plan(state(1, 2)), state(1));

        SlotPlan third = change(second, state(1, 2));

        assertThat(third.group("app").orElseThrow().slot("slot2").orElseThrow().target()).contains(target(2));
        assertThat(drains.isEmpty()).isTrue();
    }

    @Test
    void aDrainEndsOnlyOnceTheRunningPlanNoLongerHoldsIt() {
        SlotPlan second = change(allocator.plan(state(1, 2)), state(1));
        drains.releaseFinished(backend -> sessions(backend, 0));

        SlotPlan third = change(second, state(1, 7));

        assertThat(third.group("app").orElseThrow().slot("slot2").orElseThrow().target()).contains(target(7));
    }

    @Test
    void theOldestRemovalStillDrainingIsWhatThePortGateWaitsFor() {
        assertThat(drains.oldestRemoval()).isEmpty();
        SlotPlan second = change(allocator.plan(stateAt(4, 1, 2, 3)), stateAt(5, 1, 3));
        change(second, stateAt(7, 1));
        assertThat(drains.oldestRemoval()).hasValue(5);

        drains.releaseFinished(backend -> ServerSessions.parse(ServerSessions.command(backend),
                "# pxname,svname,qcur,scur\n" + backend + ",slot2,0,0\n" + backend + ",slot3,0,1\n"));
        assertThat(drains.oldestRemoval()).as("slot2 is done; slot3, removed at 7, still drains").hasValue(7);

        drains.clear();
        assertThat(drains.oldestRemoval()).isEmpty();
    }

    @Test
    void noDrainNoQuestion() {
        assertThat(drains.releaseFinished(backend -> {
            throw new AssertionError("asked for " + backend);
        })).isEmpty();
    }

    /** What an apply does: plan from the running plan with the drains overlaid, then take the drains the change starts. */
    private SlotPlan change(SlotPlan running, RoutingState next) {
        SlotPlan before = drains.overlay(running);
        SlotPlan plan = allocator.plan(next, before);
        drains.replace(drains.after(before, plan, next.revision()));
        return plan;
    }

    private ServerSessions sessions(String backend, int requests) {
        askedBackends.add(backend);
        return ServerSessions.parse(ServerSessions.command(backend),
                "# pxname,svname,qcur,scur\n" + backend + ",slot2,0," + requests + "\n");
    }

    private static RoutingState state(int... replicas) {
        return stateAt(1, replicas);
    }

    private static RoutingState stateAt(long revision, int... replicas) {
        List<Target> targets = IntStream.of(replicas).mapToObj(DrainsTest::target).toList();
        return new RoutingState(revision, new TargetGroups(List.of(new TargetGroup("app", "/app", targets))),
                FallbackTargets.NONE);
    }

    private static Target target(int n) {
        return new Target("127.0.0.1", 20000 + n, "r" + n);
    }
}
