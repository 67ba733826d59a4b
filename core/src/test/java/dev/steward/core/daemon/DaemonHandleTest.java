package dev.steward.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.time.TimeSource;
import dev.steward.core.engine.StateStoreException;
import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wired daemon a command gets: its parts, and a part that cannot be built, told in the part's own words. */
class DaemonHandleTest {
    @TempDir
    Path home;

    @Test
    void handsOutTheWiredPartsBeforeTheStart() throws IOException {
        DaemonHandle handle = DaemonHandle.create(bootstrapped(), TimeSource.system());

        assertThat(handle.engine().status().receivedRevision()).isZero();
        assertThat(handle.backend().status().frontend()).isPresent();
        assertThat(handle.api()).as("the API listens only once the daemon started it").isEmpty();
        assertThat(handle.metrics().scrape()).contains("steward_revision");
        assertThat(handle.portPolicy()).isNotNull();
        handle.daemon().stop();
    }

    @Test
    void aPartThatCannotBeBuiltIsAWiringFailureWithThePartsMessage() throws IOException {
        Path store = Files.createDirectories(home.resolve("data/engine")).resolve("applied-state.json");
        Files.writeString(store, "{\"revision\": -1}");
        Bootstrapped bootstrapped = bootstrapped();

        assertThatThrownBy(() -> DaemonHandle.create(bootstrapped, TimeSource.system()))
                .isInstanceOf(WiringException.class)
                .hasMessageContaining("the applied state " + store + " is corrupt")
                .hasCauseInstanceOf(StateStoreException.class);
    }

    private Bootstrapped bootstrapped() throws IOException {
        Path file = Files.createDirectories(home.resolve("conf")).resolve("steward.conf");
        Files.writeString(file, """
                steward {
                  broadcast-sources = []
                  api.bind = "127.0.0.1:0"
                  haproxy.bind = "127.0.0.1:%d"
                  port-quarantine.range = "%s"
                }
                """.formatted(FreePort.pick(), FreePort.rangeSetting(4)));
        return Bootstrap.load(home, file, true);
    }
}
