package dev.steward.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A change of one group: put in place, added, removed, decoded from the body of its own request. */
class OneGroupChangeTest {
    private static final Target R1 = new Target("127.0.0.1", 20001, "r1");
    private static final Target R2 = new Target("127.0.0.1", 20002, "r2");
    private static final RoutingState STATE = new RoutingState(4,
            new TargetGroups(List.of(new TargetGroup("app1", "/app1", List.of(R1)), new TargetGroup("app2", "/app2", List.of(R1)))),
            FallbackTargets.NONE);

    @Test
    void aPutReplacesTheGroupOfItsNameInPlaceAndLeavesTheOthers() {
        RoutingState next = STATE.with(new TargetGroupPut(new TargetGroup("app1", "/one", List.of(R2))), 5);

        assertThat(next.revision()).isEqualTo(5);
        assertThat(next.targetGroups().groups()).extracting(TargetGroup::name).containsExactly("app1", "app2");
        assertThat(next.targetGroups().group("app1").orElseThrow().targets()).containsExactly(R2);
        assertThat(next.targetGroups().group("app2")).isEqualTo(STATE.targetGroups().group("app2"));
    }

    @Test
    void aPutOfANewNameAddsTheGroupAtTheEnd() {
        RoutingState next = STATE.with(new TargetGroupPut(new TargetGroup("app3", "/app3", List.of(R2))), 5);

        assertThat(next.targetGroups().groups()).extracting(TargetGroup::name).containsExactly("app1", "app2", "app3");
    }

    @Test
    void aPutThatTakesAnotherGroupsRouteIsRefusedNamingTheField() {
        assertThatThrownBy(() -> STATE.with(new TargetGroupPut(new TargetGroup("app3", "/app2", List.of(R2))), 5))
                .isInstanceOf(InvalidBroadcastException.class)
                .hasMessageContaining("routePrefix")
                .hasMessageContaining("app2");
    }

    @Test
    void aRemovalTakesTheGroupOutAndAnUnknownNameIsItsOwnFailure() {
        RoutingState next = STATE.with(new TargetGroupRemoval("app1"), 5);

        assertThat(next.targetGroups().groups()).extracting(TargetGroup::name).containsExactly("app2");
        assertThatThrownBy(() -> next.with(new TargetGroupRemoval("app1"), 6))
                .isInstanceOf(UnknownGroupException.class)
                .hasMessage("no target group named \"app1\"");
    }

    @Test
    void theBodyOfAOneGroupChangeTakesItsNameFromThePath() {
        Map<String, Object> body = Map.of("routePrefix", "/app1",
                "targets", List.of(Map.of("host", "127.0.0.1", "port", 20001, "replicaId", "r1")));

        assertThat(RoutingDecoder.group(body, "app1")).isEqualTo(new TargetGroup("app1", "/app1", List.of(R1)));
        assertThat(RoutingDecoder.group(Map.of("name", "app1", "routePrefix", "/app1", "targets", List.of()), "app1").name())
                .isEqualTo("app1");
    }

    @Test
    void aBodyNamingAnotherGroupOrABadPathNameIsRefused() {
        assertThatThrownBy(() -> RoutingDecoder.group(Map.of("name", "app2", "routePrefix", "/app1", "targets", List.of()), "app1"))
                .isInstanceOf(InvalidBroadcastException.class)
                .hasMessageContaining("name")
                .hasMessageContaining("must be \"app1\"");
        for (String bad : List.of("", "a b", "app1\nbind", "../x", "APP%31")) {
            assertThatThrownBy(() -> RoutingDecoder.group(Map.of("routePrefix", "/x", "targets", List.of()), bad))
                    .as("name %s", bad)
                    .isInstanceOf(InvalidBroadcastException.class);
        }
    }
}
