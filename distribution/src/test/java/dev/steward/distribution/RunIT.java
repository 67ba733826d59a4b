package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.loopback.Replica;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code steward run} from the built image: a real HAProxy routes to replicas the test starts, and the
 * routing state file drives it. Every port is picked at run time; all state lives in a temp folder.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RunIT extends ImageTest {
    private static final Duration START = Duration.ofSeconds(30);
    /**
     * The file source promises an edit served within a second (a 250 ms poll, the 100 ms window, a
     * runtime update of a few ms; about 300 ms measured, see docs/benchmarks.md). The test allows five:
     * on a shared CI machine any process can be descheduled for a while, and a timing assertion that
     * flakes would prove nothing. What it asserts is that the edit is served at all, promptly.
     */
    private static final Duration EDIT_SERVED = Duration.ofSeconds(5);
    private static final String ROUTE = "/app1";
    /** The line of {@link #targets(int)} that holds the target's port. */
    private static final int PORT_LINE = 5;

    private FileRoutedConfig routed;

    @BeforeEach
    void writeConfig() {
        routed = FileRoutedConfig.writeInto(temp);
    }

    @Test
    void routesToAReplicaAndServesAnEditWithinASecond() throws IOException {
        try (Replica first = Replica.start("replica-1"); Replica second = Replica.start("replica-2")) {
            routed.writeTargets(targets(first.port()));
            try (RunningSteward steward = RunningSteward.start(distribution, routed.config(), temp);
                    Proxy proxy = new Proxy(routed.proxyPort())) {
                steward.awaitServed(proxy, ROUTE, first, START);
                assertThat(steward.haproxyProcesses()).as("HAProxy processes of this run").isNotEmpty();

                Launch status = Launch.run(distribution.launcher(), temp, Launch.userEnvironment(), "status", "--config",
                        routed.config().toString());
                assertThat(status.exitCode()).as(status.toString()).isZero();
                assertThat(status.stdout()).contains("  state       serving the newest revision")
                        .contains("HAProxy: serving revision 1").contains("Routes: 1 group, 0 fallback targets")
                        .contains("  app1  /app1  1 target");

                routed.writeTargets(targets(second.port()));
                steward.awaitServed(proxy, ROUTE, second, EDIT_SERVED);
                assertThat(steward.log()).as("the plugin layers got native access from core")
                        .doesNotContain("restricted method").doesNotContain("without native access");
            }
        }
    }

    @Test
    void aBadEditIsRefusedWithItsLineAndTheOldRouteKeepsServing() throws IOException {
        try (Replica replica = Replica.start("replica-1")) {
            routed.writeTargets(targets(replica.port()));
            try (RunningSteward steward = RunningSteward.start(distribution, routed.config(), temp);
                    Proxy proxy = new Proxy(routed.proxyPort())) {
                steward.awaitServed(proxy, ROUTE, replica, START);

                routed.writeTargets(targets(70000));
                String log = steward.awaitLog(routed.targets().getFileName() + ":" + PORT_LINE, Duration.ofSeconds(5));

                assertThat(log).contains("port");
                assertThat(proxy.get(ROUTE)).isEqualTo(served(replica));
            }
        }
    }

    @Test
    void anEmptiedRoutingFileIsRefusedAndTheRouteKeepsServing() throws IOException {
        try (Replica replica = Replica.start("replica-1")) {
            routed.writeTargets(targets(replica.port()));
            try (RunningSteward steward = RunningSteward.start(distribution, routed.config(), temp);
                    Proxy proxy = new Proxy(routed.proxyPort())) {
                steward.awaitServed(proxy, ROUTE, replica, START);

                // What `: > targets.conf`, or an editor that truncates before it writes, leaves.
                Files.writeString(routed.targets(), "");
                String log = steward.awaitLog(routed.targets().getFileName() + ":1: targetGroups: is required", Duration.ofSeconds(5));

                assertThat(log).contains("the last good state keeps serving");
                assertThat(proxy.get(ROUTE)).isEqualTo(served(replica));
            }
        }
    }

    @Test
    void startsAndRoutesWithACorruptJarInLib() throws IOException {
        Path corrupt = Files.writeString(distribution.lib().resolve("corrupt.jar"), "not a zip file");
        try (Replica replica = Replica.start("replica-1")) {
            routed.writeTargets(targets(replica.port()));
            try (RunningSteward steward = RunningSteward.start(distribution, routed.config(), temp);
                    Proxy proxy = new Proxy(routed.proxyPort())) {
                steward.awaitServed(proxy, ROUTE, replica, START);

                assertThat(steward.log()).contains("plugin " + corrupt + " skipped");
            }
        }
    }

    /** A routing state: {@value #ROUTE} goes to one target on loopback; its port is on line {@value #PORT_LINE}. */
    private static String targets(int port) {
        return """
                targetGroups = [
                  {
                    name = app1
                    routePrefix = "%s"
                    targets = [ { host = "127.0.0.1", port = %d, replicaId = app1-r1 } ]
                  }
                ]
                fallbackTargets = []
                """.formatted(ROUTE, port);
    }

    private static String served(Replica replica) {
        return "200 " + replica.id();
    }
}
