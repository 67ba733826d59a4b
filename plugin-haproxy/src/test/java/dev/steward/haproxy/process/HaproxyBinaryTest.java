package dev.steward.haproxy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.proxy.ApplyException;
import dev.steward.haproxy.runtime.HaproxyException;
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
    void readsTheVersionOfEverySupportedSpelling() {
        assertThat(HaproxyVersion.parse("2.6.12-1+deb12u4")).hasValueSatisfying(version -> {
            assertThat(version.major()).isEqualTo(2);
            assertThat(version.minor()).isEqualTo(6);
            assertThat(version.supported()).isTrue();
        });
        assertThat(HaproxyVersion.parse("3.0.11-9e587df")).hasValueSatisfying(version -> assertThat(version.atLeast(2, 7)).isTrue());
        assertThat(HaproxyVersion.parse("3.2-dev7")).hasValueSatisfying(version -> assertThat(version.minor()).isEqualTo(2));
        assertThat(HaproxyVersion.parse("2.10.1")).hasValueSatisfying(version -> assertThat(version.atLeast(2, 6)).isTrue());
        assertThat(HaproxyVersion.parse("2.4.22-0ubuntu0.22.04.3")).hasValueSatisfying(version ->
                assertThat(version.supported()).isFalse());
        assertThat(HaproxyVersion.parse("1.8")).hasValueSatisfying(version -> assertThat(version.supported()).isFalse());
        assertThat(HaproxyVersion.parse("")).isEmpty();
        assertThat(HaproxyVersion.parse("three")).isEmpty();
        assertThat(HaproxyVersion.parse("3")).isEmpty();
    }

    @Test
    void anHaproxyOlderThanTwoSixIsRefusedNamingTheVersionFound() throws IOException {
        Path old = fakeHaproxy("HAProxy version 2.4.22-0ubuntu0.22.04.3 2023/12/04 - https://haproxy.org/");

        assertThatThrownBy(() -> HaproxyBinary.locate(old.toString(), directory, directory, Duration.ofSeconds(5)).describe())
                .isInstanceOf(HaproxyException.class)
                .hasMessageStartingWith("HAProxy 2.4.22-0ubuntu0.22.04.3 found at " + old)
                .hasMessageContaining("Steward needs HAProxy 2.6 or newer");
    }

    @Test
    void aBinaryThatPrintsNoVersionIsRefusedWithWhatItPrinted() throws IOException {
        Path strange = fakeHaproxy("nginx version: nginx/1.22.1");

        assertThatThrownBy(() -> HaproxyBinary.locate(strange.toString(), directory, directory, Duration.ofSeconds(5)).version())
                .isInstanceOf(HaproxyException.class)
                .hasMessageContaining("did not print an HAProxy version: nginx version: nginx/1.22.1");
    }

    private Path fakeHaproxy(String versionLine) throws IOException {
        Path script = directory.resolve("fake-haproxy");
        Files.writeString(script, "#!/bin/sh\necho '" + versionLine + "'\n");
        script.toFile().setExecutable(true);
        return script;
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
