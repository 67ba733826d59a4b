package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.freePort;
import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.ApplyMode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The switches the benchmarks' baselines turn off: without runtime updates a target change that fits
 * the pool is a reload, and without the socket hand-over the new process binds the port itself; it
 * still serves, and a state that renders to the running configuration still costs nothing.
 */
class BaselineSwitchesTest {
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
    void withoutRuntimeUpdatesOrSocketHandOverEveryChangeIsAReloadThatBindsItself() {
        RawReplica first = rig.replica("app1-r1");
        RawReplica second = rig.replica("app1-r2");
        int port = freePort();
        HaproxyBackend backend = rig.backend(port, Map.of("runtime-updates", false, "socket-handover", false));
        try (LogCapture spawns = LogCapture.of(HaproxyLauncher.class); LogCapture reloads = LogCapture.of(HaproxyBackend.class)) {
            backend.apply(state(1, group("app1", "/app1", first)));
            long firstPid = backend.status().pid().orElseThrow();

            assertThat(backend.apply(state(2, group("app1", "/app1", second))).mode()).isEqualTo(ApplyMode.RELOAD);
            assertThat(backend.apply(state(3, group("app1", "/app1", second))).mode()).as("nothing changed").isEqualTo(ApplyMode.RUNTIME);

            assertThat(backend.status().pid().orElseThrow()).as("the serving process").isNotEqualTo(firstPid);
            assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("app1-r2");
            assertThat(reloads.messages()).contains("Reloading HAProxy for revision 2: runtime updates are off: "
                    + ReloadReason.between(state(1, group("app1", "/app1", first)), state(2, group("app1", "/app1", second))));
            assertThat(spawns.messages()).filteredOn(message -> message.startsWith("Spawned")).hasSize(2)
                    .noneMatch(message -> message.contains(" -x "))
                    .last().asString().contains(" -sf " + firstPid);
        }
    }
}
