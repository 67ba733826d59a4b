package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.Balance;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.TargetGroup;
import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.loopback.LoadLoop;
import dev.steward.loopback.LoadReport;
import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries go to another replica, and only where no byte of a response can have reached the client: a
 * refused connection or an empty response. A started response and a replica's own 503 pass as they are.
 */
class SafeRetryTest extends RigTest {
    private static final Logger log = LoggerFactory.getLogger(SafeRetryTest.class);
    /** After the first check at start, none runs during a test: only live traffic can mark a replica down. */
    private static final HealthCheck NO_CHECK_IN_TIME = new HealthCheck(Optional.empty(), Duration.ofHours(1), 2, 3);

    private static final int CLIENTS = 8;

    @Test
    void killingOneOfTwoReplicasUnderLoadCostsTheClientsNothing() {
        Replica doomed = rig.replica("doomed");
        Replica survivor = rig.replica("survivor");
        rig.backend(port).apply(state(1, group("app1", "/app1", doomed, survivor)));
        LoadLoop load = rig.load(port, "/app1", CLIENTS);
        load.awaitMoreResponses(2000);

        long survivorBefore = survivor.requests();
        doomed.kill();
        load.awaitMoreResponses(3000);
        LoadReport result = load.stop();

        log.info("Measured: killing one of two replicas under load: {}", result);
        assertThat(result.failed()).as(result.toString()).isZero();
        assertThat(result.refused()).as(result.toString()).isZero();
        assertThat(result.non2xx()).as(result.toString()).isZero();
        assertThat(result.closedBeforeResponse()).as(result.toString()).isZero();
        // Each client may have had one answer from the doomed replica on its way back at the kill.
        assertThat(survivor.requests() - survivorBefore).as("the survivor served what followed the kill")
                .isGreaterThanOrEqualTo(3000 - CLIENTS);
    }

    @Test
    void aReplicaThatSentPartOfAResponseIsNeverRetried() {
        Replica partial = rig.register(Replica.named("partial").body("x".repeat(20))
                .behaviour(Replica.Behaviour.PARTIAL_THEN_CLOSE).start());
        Replica healthy = rig.replica("healthy");
        rig.backend(port).apply(state(1, group("app1", "/app1", partial, healthy)));

        List<String> bodies = IntStream.range(0, 4).mapToObj(i -> HttpProbe.get(port, "/app1").body()).toList();

        assertThat(bodies).as("the client sees the cut response: 10 of the 20 bytes announced")
                .containsExactlyInAnyOrder("healthy", "healthy", "x".repeat(10), "x".repeat(10));
        assertThat(partial.requests()).as("each cut request reached the replica once").isEqualTo(2);
        assertThat(healthy.requests()).as("no cut request was repeated on the healthy replica").isEqualTo(2);
    }

    @Test
    void aReplicasOwn503IsNeverRetried() {
        Replica busy = rig.replica("busy", Replica.Behaviour.ANSWER_503);
        Replica healthy = rig.replica("healthy");
        rig.backend(port).apply(state(1, group("app1", "/app1", busy, healthy)));

        List<HttpProbe.Response> responses = IntStream.range(0, 4).mapToObj(i -> HttpProbe.get(port, "/app1")).toList();

        assertThat(responses).filteredOn(response -> response.status() == 503)
                .hasSize(2)
                .allSatisfy(response -> assertThat(response.body()).isEqualTo(Replica.OWN_503_BODY));
        assertThat(busy.requests()).isEqualTo(2);
        assertThat(healthy.requests()).isEqualTo(2);
    }

    @Test
    void aReplicaThatDiesIsRetriedElsewhereAndMarkedDownByLiveTrafficWithoutACheck() {
        Replica doomed = rig.replica("doomed");
        Replica healthy = rig.replica("healthy");
        rig.backend(port).apply(state(1, List.of(new TargetGroup("app1", "/app1", Optional.empty(),
                List.of(doomed.target(), healthy.target()), Balance.ROUND_ROBIN, NO_CHECK_IN_TIME)), List.of()));
        RuntimeApi api = rig.runtimeApi();
        Eventually.await("the first checks pass", () -> OperationalState.of(api, "group_app1", "slot1").equals("2")
                && OperationalState.of(api, "group_app1", "slot2").equals("2"));
        doomed.kill();
        long healthyBefore = healthy.requests();

        long start = System.nanoTime();
        for (int request = 0; request < 10; request++) {
            assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("healthy");
        }
        // The request whose error marks the replica down waits HAProxy's turn-around of min(timeout connect, 1 s) before its
        // retry, since one server is left: slower, never failed.
        log.info("Measured: 10 requests with one replica dead took {} ms", (System.nanoTime() - start) / 1_000_000);

        assertThat(OperationalState.of(api, "group_app1", "slot1")).as("marked down by observe layer4").isEqualTo("0");
        assertThat(healthy.requests() - healthyBefore).isEqualTo(10);
    }
}
