package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.freePort;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.Balance;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.TargetGroup;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A route whose group has no usable target goes to the fallback targets, and back when a target returns. */
class FallbackTest {
    private static final HealthCheck QUICK = new HealthCheck(Optional.empty(), Duration.ofMillis(100), 1, 1);

    @TempDir
    Path dataDirectory;

    private TestRig rig;

    @BeforeEach
    void createRig() {
        rig = new TestRig(dataDirectory);
    }

    @AfterEach
    void stopEverything() throws Exception {
        rig.close();
    }

    @Test
    void theFallbackServesWhileTheGroupsOnlyReplicaIsDownAndTheGroupTakesOverWhenItReturns() {
        int port = freePort();
        RawReplica replica = rig.replica("app1-r1");
        int replicaPort = replica.target().port();
        RawReplica fallback = rig.replica("fallback-1");
        rig.backend(port).apply(state(1, List.of(new TargetGroup("app1", "/app1", Optional.empty(), List.of(replica.target()),
                Balance.ROUND_ROBIN, QUICK)), List.of(fallback.target())));
        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("app1-r1");

        replica.kill();
        Eventually.await("the fallback serves the group", () -> "fallback-1".equals(body(port, "/app1")));

        rig.register(RawReplica.startOn("app1-r1", replicaPort));
        Eventually.await("the group serves again once its replica is back", () -> "app1-r1".equals(body(port, "/app1")));
    }

    private static String body(int port, String path) {
        try {
            return HttpProbe.get(port, path).body();
        } catch (UncheckedIOException | IllegalStateException notNow) {
            return "";
        }
    }
}
