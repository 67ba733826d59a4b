package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.isAlive;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.model.TargetGroup;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.haproxy.process.HaproxyLauncher;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each change here adds a group, which only a reload can do. A reload succeeds only when the new process answers on the admin socket with its own pid: the old
 * process, which still answers there, proves nothing. A new process that fails leaves the old one serving.
 */
class TakeoverTest extends RigTest {
    @TempDir
    Path tools;

    private SabotagedHaproxy haproxy;
    private HaproxyBackend backend;
    private long servingPid;
    private TargetGroup app1;

    @BeforeEach
    void serveRevisionOne() {
        haproxy = SabotagedHaproxy.install(tools);
        backend = rig.backend(port, Map.of("binary", haproxy.path().toString(), "start-timeout", "1s"));
        app1 = group("app1", "/app1", rig.replica("app1-r1"));
        backend.apply(state(1, app1));
        servingPid = backend.status().pid().orElseThrow();
    }

    @Test
    void aNewProcessThatExitsDuringStartUpFailsTheApplyWithItsStderrAndTheOldOneKeepsServing() {
        haproxy.exitOnStart();

        assertThatThrownBy(() -> backend.apply(state(2, app1, group("app2", "/app2", rig.replica("app2-r1")))))
                .isInstanceOfSatisfying(ApplyException.class, failure -> assertThat(failure.attempted()).isEqualTo(ApplyMode.RELOAD))
                .hasMessageContaining("HAProxy spawn 2")
                .hasMessageContaining("exited with status 3 during start-up")
                .hasMessageContaining("haproxy.2.stderr.log")
                .hasMessageContaining("sabotaged start-up: exiting at once")
                .hasMessageContaining("HAProxy spawn 1 (pid " + servingPid + ") keeps serving revision 1");

        assertThat(backend.status().pid()).hasValue(servingPid);
        assertThat(StatusDetails.retiring(backend.status())).isEmpty();
        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("app1-r1");
    }

    @Test
    void aNewProcessThatNeverAnswersWithItsOwnPidIsStoppedAndTheOldOneKeepsServing() {
        haproxy.silentOnStart();
        try (LogCapture spawns = LogCapture.of(HaproxyLauncher.class)) {
            assertThatThrownBy(() -> backend.apply(state(2, app1, group("app2", "/app2", rig.replica("app2-r1")))))
                    .isInstanceOf(ApplyException.class)
                    .hasMessageContaining("HAProxy spawn 2")
                    .hasMessageContaining("did not answer on the admin socket with its own pid within 1000 ms")
                    .hasMessageContaining("pid " + servingPid + " answered")
                    .hasMessageContaining("keeps serving revision 1");

            long silentPid = spawnedPid(spawns, 2);
            assertThat(isAlive(silentPid)).as("the process that never took over was stopped").isFalse();
        }
        assertThat(backend.status().pid()).hasValue(servingPid);
        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("app1-r1");
    }

    @Test
    void afterAFailedTakeoverTheNextApplyReloads() {
        haproxy.exitOnStart();
        assertThatThrownBy(() -> backend.apply(state(2, app1, group("app2", "/app2", rig.replica("app2-r1")))))
                .isInstanceOf(ApplyException.class);
        haproxy.behave();

        backend.apply(state(3, app1, group("app3", "/app3", rig.replica("app3-r1"))));

        assertThat(backend.status().pid().orElseThrow()).isNotEqualTo(servingPid);
        assertThat(HttpProbe.get(port, "/app3").body()).isEqualTo("app3-r1");
        assertThat(backend.status().detail()).isEqualTo("serving revision 3");
    }

    /** The pid of a spawn, from the launcher's log line {@code Spawned HAProxy spawn 2 (pid 1234): ...}. */
    private static long spawnedPid(LogCapture spawns, long spawn) {
        String prefix = "Spawned HAProxy spawn " + spawn + " (pid ";
        return spawns.messages().stream()
                .filter(message -> message.startsWith(prefix))
                .map(message -> Long.parseLong(message.substring(prefix.length(), message.indexOf(')'))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no spawn " + spawn + " in " + spawns.messages()));
    }
}
