package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.freePort;
import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.ApplyMode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every reload is logged with its reason; a state that changes nothing is neither reloaded nor logged as one. */
class ReloadLogTest {
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
    void eachReloadIsLoggedWithItsReason() {
        RawReplica one = rig.replica("app1-r1");
        RawReplica two = rig.replica("app2-r1");
        HaproxyBackend backend = rig.backend(freePort());
        try (LogCapture reloads = LogCapture.of(HaproxyBackend.class)) {
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
}
