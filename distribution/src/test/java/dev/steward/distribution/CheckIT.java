package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A mistyped key never goes unnoticed: it is named with its file and line. */
class CheckIT extends ImageTest {
    private static final String MISTYPED = """
            steward {
              coalesce {
                windw = 50ms
              }
            }
            """;

    private Path config;

    @BeforeEach
    void writeAConfigWithAMistypedKey() throws IOException {
        config = Files.writeString(temp.resolve("mistyped.conf"), MISTYPED);
    }

    @Test
    void checkNamesTheUnknownKeyAndWhereItIs() {
        Launch launch = Launch.run(distribution.launcher(), temp, Launch.userEnvironment(), "check", "--config",
                config.toString());

        assertThat(launch.exitCode()).as(launch.toString()).isNotZero();
        assertThat(launch.stdout()).contains("steward.coalesce.windw").contains(config + ":3");
    }

    @Test
    void runRefusesToStartOnAnUnknownKey() {
        Launch launch = Launch.run(distribution.launcher(), temp, Launch.userEnvironment(), "run", "--config",
                config.toString());

        assertThat(launch.exitCode()).as(launch.toString()).isEqualTo(2);
        assertThat(launch.stderr()).contains("steward.coalesce.windw").contains(config + ":3");
    }
}
