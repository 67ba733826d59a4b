package dev.steward.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.config.ConfigProblem;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.core.daemon.Bootstrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiSettingsTest {
    @TempDir
    Path home;

    private ApiSettings read(String config) throws IOException {
        return Bootstrap.load(home, write(config), true).settings().api();
    }

    private Path write(String config) throws IOException {
        Path file = home.resolve("steward.conf");
        Files.writeString(file, config);
        return file;
    }

    @Test
    void theDefaultsOfTheReference() throws IOException {
        assertThat(read("")).isEqualTo(new ApiSettings("127.0.0.1", 9090, Optional.empty(), 32L * 1024 * 1024, Duration.ofSeconds(10)));
    }

    @Test
    void everyKeyCanBeSet() throws IOException {
        ApiSettings settings = read("""
                steward.api {
                  bind = "0.0.0.0:0"
                  token = "0123456789abcdef-token"
                  max-body = 64KiB
                  request-timeout = 30s
                }
                """);

        assertThat(settings).isEqualTo(new ApiSettings("0.0.0.0", 0, Optional.of("0123456789abcdef-token"), 64 * 1024,
                Duration.ofSeconds(30)));
    }

    @Test
    void badLimitsAreReportedWithTheirKeys() throws IOException {
        Path file = write("""
                steward.api {
                  max-body = 10
                  request-timeout = 1500ms
                }
                """);

        assertThatThrownBy(() -> Bootstrap.load(home, file, true))
                .isInstanceOfSatisfying(InvalidConfigException.class, invalid -> assertThat(invalid.problems())
                        .extracting(ConfigProblem::toString)
                        .containsExactlyInAnyOrder(
                                "steward.api.max-body (" + file + ":2): expected a size from 1024 to 67108864 bytes, found 10",
                                "steward.api.request-timeout (" + file + ":3): expected whole seconds, found PT1.5S"));
    }
}
