package dev.steward.haproxy;

import dev.steward.testkit.FreePort;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test against real HAProxy processes: each test method gets its own data directory, a free port for
 * the frontend, and a rig that stops whatever the test started, also when it failed.
 */
abstract class RigTest {
    @TempDir
    Path dataDirectory;

    TestRig rig;
    /** The frontend's port; a test that needs another asks {@link FreePort#pick()}. */
    int port;

    @BeforeEach
    void createRig() {
        rig = new TestRig(dataDirectory);
        port = FreePort.pick();
    }

    @AfterEach
    void stopEverything() throws Exception {
        rig.close();
    }
}
