package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.TargetGroup;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.loopback.LoadLoop;
import dev.steward.loopback.LoadReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reloads hand the listening sockets over: under load, none refuses a connection or fails a request. */
class HitlessReloadTest extends RigTest {
    private static final Logger log = LoggerFactory.getLogger(HitlessReloadTest.class);
    private static final int RELOADS = 50;

    @Test
    void fiftyReloadsUnderLoadRefuseNoConnectionAndFailNoRequest() {
        HaproxyBackend backend = rig.backend(port);
        TargetGroup app1 = group("app1", "/app1", rig.replica("app1-r1"), rig.replica("app1-r2"));
        TargetGroup app2 = group("app2", "/app2", rig.replica("app2-r1"));
        backend.apply(state(1, app1));
        // Busy keep-alive connections, paced so that the reloads under test get the machine's time too.
        LoadLoop load = rig.pacedLoad(port, "/app1", 4, Duration.ofMillis(1));
        load.awaitMoreResponses(500);

        long start = System.nanoTime();
        for (int reload = 1; reload <= RELOADS; reload++) {
            List<TargetGroup> groups = reload % 2 == 1 ? List.of(app1, app2) : List.of(app1);
            assertThat(backend.apply(state(reload + 1, groups)).mode()).isEqualTo(ApplyMode.RELOAD);
            load.awaitMoreResponses(50);
        }
        long reloading = (System.nanoTime() - start) / 1_000_000;
        LoadReport result = load.stop();

        log.info("Measured: {} reloads in {} ms under load: {}", RELOADS, reloading, result);
        assertThat(StatusDetails.spawn(backend.status())).isEqualTo(RELOADS + 1);
        assertThat(result.refused()).as(result.toString()).isZero();
        assertThat(result.non2xx()).as(result.toString()).isZero();
        assertThat(result.failed()).as(result.toString()).isZero();
        assertThat(result.ok()).isGreaterThan(RELOADS * 50L);
    }
}
