package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.testkit.Eventually;
import dev.steward.testkit.FreePort;
import dev.steward.testkit.Replica;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward run} from the built image: a real HAProxy routes to replicas the test starts, and the
 * routing state file drives it. Every port is picked at run time; all state lives in a temp folder.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RunIT {
    private static final Duration START = Duration.ofSeconds(30);
    /**
     * The file source promises an edit served within a second (a 250 ms poll, the 100 ms window, a
     * runtime update of a few ms; about 300 ms measured, see docs/benchmarks.md). The test allows five:
     * on a shared CI machine any process can be descheduled for a while, and a timing assertion that
     * flakes would prove nothing. What it asserts is that the edit is served at all, promptly.
     */
    private static final Duration EDIT_SERVED = Duration.ofSeconds(5);
    private static final String ROUTE = "/app1";
    /** The line of {@link #targets} that holds the target's port. */
    private static final int PORT_LINE = 5;

    @TempDir
    Path temp;

    private Distribution distribution;
    private Path config;
    private Path targets;
    private int proxyPort;

    @BeforeEach
    void prepare() throws IOException {
        distribution = Distribution.copyInto(temp);
        proxyPort = FreePort.pick();
        targets = temp.resolve("targets.conf");
        config = Files.writeString(temp.resolve("steward.conf"), """
                steward {
                  data-dir = "%s"
                  api.bind = "127.0.0.1:%d"
                  sources.file.path = "%s"
                  haproxy.bind = "127.0.0.1:%d"
                }
                """.formatted(temp.resolve("data"), FreePort.pick(), targets, proxyPort));
    }

    @Test
    void routesToAReplicaAndServesAnEditWithinASecond() throws IOException {
        try (Replica first = Replica.start("replica-1"); Replica second = Replica.start("replica-2")) {
            write(targets(first.port()));
            try (RunningSteward steward = RunningSteward.start(distribution, config, temp);
                    Proxy proxy = new Proxy(proxyPort)) {
                awaitServed(proxy, first, START, steward);
                assertThat(steward.haproxyProcesses()).as("HAProxy processes of this run").isNotEmpty();

                write(targets(second.port()));
                awaitServed(proxy, second, EDIT_SERVED, steward);
                assertThat(steward.log()).as("the plugin layers got native access from core")
                        .doesNotContain("restricted method").doesNotContain("without native access");
            }
        }
    }

    @Test
    void aBadEditIsRefusedWithItsLineAndTheOldRouteKeepsServing() throws IOException {
        try (Replica replica = Replica.start("replica-1")) {
            write(targets(replica.port()));
            try (RunningSteward steward = RunningSteward.start(distribution, config, temp);
                    Proxy proxy = new Proxy(proxyPort)) {
                awaitServed(proxy, replica, START, steward);

                write(targets(70000));
                String log = steward.awaitLog(targets.getFileName() + ":" + PORT_LINE, Duration.ofSeconds(5));

                assertThat(log).contains("port");
                assertThat(proxy.get(ROUTE)).isEqualTo(served(replica));
            }
        }
    }

    @Test
    void startsAndRoutesWithACorruptJarInLib() throws IOException {
        Path corrupt = Files.writeString(distribution.lib().resolve("corrupt.jar"), "not a zip file");
        try (Replica replica = Replica.start("replica-1")) {
            write(targets(replica.port()));
            try (RunningSteward steward = RunningSteward.start(distribution, config, temp);
                    Proxy proxy = new Proxy(proxyPort)) {
                awaitServed(proxy, replica, START, steward);

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

    /** Replaces the routing state file the way many editors do: a new file renamed over the old one. */
    private void write(String content) throws IOException {
        Path next = Files.writeString(temp.resolve("targets.conf.next"), content);
        Files.move(next, targets, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits until HAProxy answers {@value #ROUTE} from {@code replica}; fails at once if Steward exits. */
    private static void awaitServed(Proxy proxy, Replica replica, Duration deadline, RunningSteward steward) {
        String exited = "Steward exited";
        String answer;
        try {
            answer = Eventually.await(ROUTE + " served by " + replica.id(), deadline,
                    () -> steward.isAlive() ? proxy.get(ROUTE) : exited,
                    seen -> seen.equals(served(replica)) || seen.equals(exited));
        } catch (AssertionError notServed) {
            throw new AssertionError(notServed.getMessage() + "\nSteward's log:\n" + steward.log(), notServed);
        }
        assertThat(answer).as(() -> "Steward's log:\n" + steward.log()).isEqualTo(served(replica));
    }

    private static String served(Replica replica) {
        return "200 " + replica.id();
    }
}
