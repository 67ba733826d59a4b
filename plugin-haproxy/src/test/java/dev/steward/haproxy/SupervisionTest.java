package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.isAlive;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.haproxy.process.Supervisor;
import dev.steward.testkit.Eventually;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An HAProxy that dies unexpectedly is restarted on the last good configuration, with growing waits. */
class SupervisionTest extends RigTest {
    private static final Logger log = LoggerFactory.getLogger(SupervisionTest.class);
    /** The bound the contract states for serving again after a kill -9. */
    private static final Duration SERVING_AGAIN = Duration.ofSeconds(2);

    @TempDir
    Path tools;

    private SabotagedHaproxy haproxy;

    @BeforeEach
    void installHaproxy() {
        haproxy = SabotagedHaproxy.install(tools);
    }

    @Test
    void aKilledHaproxyServesAgainWithinTwoSecondsOnTheLastGoodConfigAndTheRestartIsCounted() {
        HaproxyBackend backend = rig.backend(port);
        backend.apply(state(1, group("app1", "/app1", rig.replica("app1-r1"))));
        long killed = backend.status().pid().orElseThrow();

        long start = System.nanoTime();
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        Eventually.await("serving again after kill -9", SERVING_AGAIN, () -> answers(port, "/app1", "app1-r1"));
        log.info("Measured: serving again {} ms after kill -9 (bound {} ms)", (System.nanoTime() - start) / 1_000_000,
                SERVING_AGAIN.toMillis());

        Eventually.await("the restart is counted", () -> backend.status().restarts() == 1);
        assertThat(backend.status().pid().orElseThrow()).isNotEqualTo(killed);
        assertThat(StatusDetails.spawn(backend.status())).isEqualTo(2);
        assertThat(backend.status().detail()).isEqualTo("serving revision 1");
        assertThat(rig.metrics(backend).count(Supervisor.RESTARTS_METRIC)).isEqualTo(1);
    }

    @Test
    void eachExitSoonAfterARestartWaitsTwiceAsLong() {
        HaproxyBackend backend = rig.backend(port, Map.of("restart.delay", "100ms"));
        backend.apply(state(1, group("app1", "/app1", rig.replica("app1-r1"))));
        try (LogCapture supervisor = LogCapture.of(Supervisor.class)) {
            for (int kill = 1; kill <= 3; kill++) {
                long restartsBefore = backend.status().restarts();
                ProcessHandle.of(backend.status().pid().orElseThrow()).orElseThrow().destroyForcibly();
                Eventually.await("restart " + kill, () -> backend.status().restarts() == restartsBefore + 1
                        && backend.status().pid().isPresent());
            }

            assertThat(supervisor.messages()).filteredOn(message -> message.contains("restarting HAProxy"))
                    .extracting(message -> message.substring(message.lastIndexOf(" in ")))
                    .containsExactly(" in 100 ms", " in 200 ms", " in 400 ms");
        }
        assertThat(answers(port, "/app1", "app1-r1")).isTrue();
        assertThat(rig.metrics(backend).count(Supervisor.RESTARTS_METRIC)).isEqualTo(3);
    }

    @Test
    void aRestartThatFailsIsTriedAgainLaterAndTheStatusSaysWhy() {
        HaproxyBackend backend = rig.backend(port, Map.of("binary", haproxy.path().toString(), "start-timeout", "1s"));
        backend.apply(state(1, group("app1", "/app1", rig.replica("app1-r1"))));
        haproxy.exitOnStart();

        ProcessHandle.of(backend.status().pid().orElseThrow()).orElseThrow().destroyForcibly();

        Eventually.await("a failed restart shows in the status", () -> backend.status().detail().contains("the restart failed"));
        assertThat(backend.status().detail()).startsWith("restarting in ").contains("sabotaged start-up");
        assertThat(backend.status().pid()).isEmpty();
        assertThat(backend.status().restarts()).isZero();

        haproxy.behave();
        Eventually.await("serving again once HAProxy starts", () -> answers(port, "/app1", "app1-r1"));
        Eventually.await("the restart is counted", () -> backend.status().restarts() == 1);
        assertThat(backend.status().detail()).isEqualTo("serving revision 1");
    }

    @Test
    void anApplyAfterTheExitStartsTheNewStateAndNoRestartFollows() {
        HaproxyBackend backend = rig.backend(port, Map.of("restart.delay", "2s", "restart.max-delay", "2s"));
        backend.apply(state(1, group("app1", "/app1", rig.replica("app1-r1"))));
        ProcessHandle.of(backend.status().pid().orElseThrow()).orElseThrow().destroyForcibly();
        Eventually.await("the restart is pending", () -> backend.status().detail().startsWith("restarting in 2000 ms"));

        backend.apply(state(2, group("app1", "/app1", rig.replica("app1-r2"))));
        long serving = backend.status().pid().orElseThrow();

        Eventually.await("the pending restart gives up", () -> backend.status().detail().equals("serving revision 2"));
        assertThat(answers(port, "/app1", "app1-r2")).isTrue();
        assertThat(backend.status().pid()).hasValue(serving);
        assertThat(backend.status().restarts()).isZero();
    }

    @Test
    void processesStoppedByCloseAreNotRestarted() {
        HaproxyBackend backend = rig.backend(port);
        backend.apply(state(1, group("app1", "/app1", rig.replica("app1-r1"))));
        long pid = backend.status().pid().orElseThrow();

        backend.close();

        assertThat(isAlive(pid)).isFalse();
        assertThat(backend.status().restarts()).isZero();
        assertThat(backend.status().detail()).isEqualTo("stopped");
        assertThat(ProcessHandle.current().children().filter(child -> child.info().command().orElse("").endsWith("haproxy")))
                .as("no HAProxy restarted behind the stop")
                .isEmpty();
    }

    private static boolean answers(int port, String path, String body) {
        try {
            return HttpProbe.get(port, path).body().equals(body);
        } catch (UncheckedIOException | IllegalStateException notYet) {
            return false;
        }
    }
}
