package dev.steward.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ApplyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real haproxy. */
class HaproxyBinaryTest {
    @TempDir
    Path directory;

    @Test
    void describesVersionAndPath() {
        String description = HaproxyBinary.locate("haproxy", directory, directory, Duration.ofSeconds(30)).describe();

        assertThat(description).matches("HAProxy \\d+\\.\\d+\\.\\d+\\S* \\(/\\S+/haproxy\\)");
    }

    @Test
    void aMissingBinaryNamesTheSetting() {
        assertThatThrownBy(() -> HaproxyBinary.locate("no-such-haproxy", directory, directory, Duration.ofSeconds(1)))
                .isInstanceOf(HaproxyException.class)
                .hasMessageContaining("steward.haproxy.binary is \"no-such-haproxy\"")
                .hasMessageContaining("not an executable on PATH");
        assertThatThrownBy(() -> HaproxyBinary.locate("bin/haproxy", directory, directory, Duration.ofSeconds(1)))
                .isInstanceOf(HaproxyException.class)
                .hasMessageContaining("steward.haproxy.binary is \"bin/haproxy\"")
                .hasMessageContaining("not an executable file");
    }

    @Test
    void aRejectedConfigurationCarriesHaproxysMessage() throws IOException {
        Path config = directory.resolve("bad.cfg");
        Files.writeString(config, "frontend f\n    bind 127.0.0.1:99999\n");

        assertThatThrownBy(() -> HaproxyBinary.locate("haproxy", directory, directory, Duration.ofSeconds(30)).check(config))
                .isInstanceOf(ApplyException.class)
                .hasMessageStartingWith("HAProxy rejected the configuration (exit 1):")
                .hasMessageContaining("[ALERT]")
                .hasMessageContaining("invalid port '99999'")
                .hasMessageNotContaining("[NOTICE]");
        try (var left = Files.list(directory)) {
            assertThat(left).as("the output file of the check is removed").containsExactly(config);
        }
    }
}
