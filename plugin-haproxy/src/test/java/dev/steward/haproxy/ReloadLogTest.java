package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.proxy.ApplyMode;
import dev.steward.haproxy.plan.ReloadReason;
import dev.steward.haproxy.process.HaproxyLauncher;
import dev.steward.haproxy.serving.Reloader;
import dev.steward.loopback.Replica;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every reload is logged with its reason; a state that changes nothing is neither reloaded nor logged as
 * one. The switches the benchmarks' baselines turn off show there too: without runtime updates a
 * target change that fits the pool is a reload, and without the socket hand-over the new process binds
 * the port itself.
 */
class ReloadLogTest extends RigTest {

    @Test
    void eachReloadIsLoggedWithItsReason() {
        Replica one = rig.replica("app1-r1");
        Replica two = rig.replica("app2-r1");
        HaproxyBackend backend = rig.backend(port);
        try (LogCapture reloads = LogCapture.of(Reloader.class)) {
            backend.apply(state(1, group("app1", "/app1", one)));
            backend.apply(state(2, group("app1", "/app1", one), group("app2", "/app2", two)));
            assertThat(backend.apply(state(3, group("app2", "/app2", two), group("app1", "/app1", one))).mode())
                    .isEqualTo(ApplyMode.RUNTIME);
            backend.apply(state(4, group("app2", "/app2", two)));

            assertThat(reloads.messages()).filteredOn(message -> message.contains("HAProxy for revision")).containsExactly(
                    "Starting HAProxy for revision 1: first start",
                    "Reloading HAProxy for revision 2: groups added: app2",
                    "Reloading HAProxy for revision 4: groups removed: app1");
        }
    }

    @Test
    void withoutRuntimeUpdatesOrSocketHandOverEveryChangeIsAReloadThatBindsItself() {
        Replica first = rig.replica("app1-r1");
        Replica second = rig.replica("app1-r2");
        HaproxyBackend backend = rig.backend(port, Map.of("runtime-updates", false, "socket-handover", false));
        try (LogCapture spawns = LogCapture.of(HaproxyLauncher.class); LogCapture reloads = LogCapture.of(Reloader.class)) {
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
