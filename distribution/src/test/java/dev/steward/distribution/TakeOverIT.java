package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.loopback.Replica;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built image restarted while HAProxy keeps serving: after {@code steward stop --keep-haproxy} and after
 * a {@code kill -9} of Steward, HAProxy answers on its own; the next {@code steward run} takes the running
 * HAProxy over (its pid, no new process) and serves a routing change made while it was away, and clients
 * sending requests through HAProxy the whole time see no failure.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TakeOverIT extends ImageTest {
    private static final Logger log = LoggerFactory.getLogger(TakeOverIT.class);
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration TRAFFIC = Duration.ofSeconds(30);
    private static final String ROUTE = "/app1";
    /** Requests HAProxy must answer while no Steward runs. */
    private static final long SERVED_ALONE = 300;

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private FileRoutedConfig routed;

    @BeforeEach
    void writeConfig() {
        routed = FileRoutedConfig.writeInto(temp);
    }

    /** Whatever a test started; an HAProxy left serving on purpose (or by a failed test) goes too. */
    @AfterEach
    void stopLeftovers() {
        for (AutoCloseable resource : cleanup.reversed()) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // The test's own failure is the one to report.
            }
        }
        RunningSteward.stopHaproxyOf(temp);
    }

    private <T extends AutoCloseable> T started(T resource) {
        cleanup.add(resource);
        return resource;
    }

    @Test
    void afterStewardStopKeepHaproxyTheNextStartTakesItOverWithoutAFailedRequest() throws IOException {
        try (Replica first = Replica.start("replica-1"); Replica second = Replica.start("replica-2")) {
            routed.writeTargets(targets(first.port()));
            RunningSteward before = started(RunningSteward.start(distribution, routed.config(), temp));
            try (Proxy proxy = new Proxy(routed.proxyPort())) {
                before.awaitServed(proxy, ROUTE, first, START);
                long pid = onlyHaproxy(before);
                Traffic traffic = started(new Traffic(routed.proxyPort(), ROUTE, 2));
                traffic.awaitMore(SERVED_ALONE, TRAFFIC);

                Launch stop = Launch.run(distribution.launcher(), temp, Launch.userEnvironment(), "stop", "--keep-haproxy",
                        "--config", routed.config().toString());

                assertThat(stop.exitCode()).as(stop.toString()).isZero();
                assertThat(stop.stdout()).as(stop.toString())
                        .contains("Stopping Steward (pid ")
                        .contains("HAProxy (pid " + pid + ") keeps serving, and the next start of Steward takes it over")
                        .contains("Steward stopped after ");
                assertThat(before.awaitExit()).as("Steward's exit status after steward stop").isZero();
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("HAProxy after steward stop --keep-haproxy")
                        .hasValue(true);
                traffic.awaitMore(SERVED_ALONE, TRAFFIC);
                routed.writeTargets(targets(second.port()));

                try (RunningSteward after = RunningSteward.start(distribution, routed.config(), temp)) {
                    String log = after.awaitLog("HAProxy spawn 1 (pid " + pid + ", adopted) serves revision", START);
                    after.awaitServed(proxy, ROUTE, second, START);
                    assertThat(log).contains("Took over HAProxy spawn 1 (pid " + pid + ", adopted)")
                            .contains("runtime commands and no reload")
                            .doesNotContain("Spawned HAProxy");
                    assertThat(onlyHaproxy(after)).as("the HAProxy serving after the restart").isEqualTo(pid);
                    traffic.awaitMore(SERVED_ALONE, TRAFFIC);
                    traffic.close();
                    report("steward stop --keep-haproxy", traffic);
                }
            }
        }
    }

    @Test
    void aKilledStewardLeavesHaproxyServingAndTheNextStartTakesItOver() throws IOException {
        try (Replica first = Replica.start("replica-1"); Replica second = Replica.start("replica-2")) {
            routed.writeTargets(targets(first.port()));
            RunningSteward killed = started(RunningSteward.start(distribution, routed.config(), temp));
            try (Proxy proxy = new Proxy(routed.proxyPort())) {
                killed.awaitServed(proxy, ROUTE, first, START);
                long pid = onlyHaproxy(killed);
                Traffic traffic = started(new Traffic(routed.proxyPort(), ROUTE, 2));
                traffic.awaitMore(SERVED_ALONE, TRAFFIC);

                killed.killStewardOnly();

                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("HAProxy after kill -9 of Steward").hasValue(true);
                traffic.awaitMore(SERVED_ALONE, TRAFFIC);
                routed.writeTargets(targets(second.port()));

                try (RunningSteward next = RunningSteward.start(distribution, routed.config(), temp)) {
                    next.awaitLog("HAProxy spawn 1 (pid " + pid + ", adopted) serves revision", START);
                    next.awaitServed(proxy, ROUTE, second, START);
                    assertThat(onlyHaproxy(next)).as("the HAProxy serving after the restart").isEqualTo(pid);
                    traffic.awaitMore(SERVED_ALONE, TRAFFIC);
                    traffic.close();
                    report("kill -9", traffic);

                    // Not Steward's child: its exit is noticed by polling, and it is restarted like any other.
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    next.awaitLog("serves again after HAProxy spawn 1 (pid " + pid + ", adopted) exited", START);
                    next.awaitServed(proxy, ROUTE, second, START);
                }
            }
        }
    }

    private static void report(String restart, Traffic traffic) {
        log.info("Measured across a restart after {}: {} requests through HAProxy, {} failed {}", restart, traffic.requests(),
                traffic.failures(), traffic.samples());
        assertThat(traffic.failures()).as("failed requests across the restart: %s", traffic.samples()).isZero();
    }

    private static long onlyHaproxy(RunningSteward steward) {
        List<ProcessHandle> haproxy = steward.haproxyProcesses();
        assertThat(haproxy).as("HAProxy processes of this run").hasSize(1);
        return haproxy.getFirst().pid();
    }

    private static String targets(int port) {
        return """
                targetGroups = [
                  { name = app1, routePrefix = "%s", targets = [ { host = "127.0.0.1", port = %d, replicaId = app1-r%d } ] }
                ]
                fallbackTargets = []
                """.formatted(ROUTE, port, port);
    }
}
