package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.Balance;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.TargetGroup;
import dev.steward.loopback.LoadLoop;
import dev.steward.loopback.LoadReport;
import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A route whose group has no usable target goes to the fallback targets, and back when a target returns. */
class FallbackTest extends RigTest {
    private static final HealthCheck QUICK = new HealthCheck(Optional.empty(), Duration.ofMillis(100), 1, 1);

    @Test
    void theFallbackServesWhileTheGroupsOnlyReplicaIsDownAndTheGroupTakesOverWhenItReturns() {
        Replica replica = rig.replica("app1-r1");
        int replicaPort = replica.target().port();
        Replica fallback = rig.replica("fallback-1");
        rig.backend(port).apply(state(1, List.of(new TargetGroup("app1", "/app1", Optional.empty(), List.of(replica.target()),
                Balance.ROUND_ROBIN, QUICK)), List.of(fallback.target())));
        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("app1-r1");

        replica.kill();
        Eventually.await("the fallback serves the group", () -> "fallback-1".equals(body(port, "/app1")));

        rig.register(Replica.startOn("app1-r1", replicaPort));
        Eventually.await("the group serves again once its replica is back", () -> "app1-r1".equals(body(port, "/app1")));
    }

    /**
     * After a reload the old process serves its keep-alive clients a while longer, routing by path alone
     * (its backends read as empty while it stops): a route without targets must fall back there too.
     */
    @Test
    void aRouteWithoutTargetsIsServedByTheFallbackAlsoFromAProcessThatStops() {
        Replica app = rig.replica("app1-r1");
        Replica fallback = rig.replica("fallback-1");
        List<TargetGroup> groups = List.of(group("app1", "/app1", app), group("spare", "/spare"));
        HaproxyBackend backend = rig.backend(port);
        backend.apply(state(1, groups, List.of(fallback.target())));
        LoadLoop load = rig.load(port, "/spare", 4);
        load.awaitMoreResponses(200);

        for (int revision = 2; revision <= 6; revision++) {
            List<TargetGroup> changed = revision % 2 == 0 ? List.of(groups.get(0), groups.get(1), group("extra", "/extra", app)) : groups;
            backend.apply(state(revision, changed, List.of(fallback.target())));
            load.awaitMoreResponses(200);
        }
        LoadReport result = load.stop();

        assertThat(result.non2xx()).as(result.toString()).isZero();
        assertThat(result.failed() + result.refused()).as(result.toString()).isZero();
    }

    private static String body(int port, String path) {
        try {
            return HttpProbe.get(port, path).body();
        } catch (UncheckedIOException | IllegalStateException notNow) {
            return "";
        }
    }
}
