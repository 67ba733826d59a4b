package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bin/steward} finds its home and its bundled runtime, whatever the machine has installed. */
class LauncherIT extends ImageTest {
    @Test
    void printsTheVersion() {
        Launch launch = Launch.run(distribution.launcher(), temp, Launch.userEnvironment(), "--version");

        assertThat(launch.exitCode()).as(launch.toString()).isZero();
        assertThat(launch.stdout()).isEqualTo("steward " + Distribution.version() + "\n");
    }

    /**
     * No java on PATH, no JAVA_HOME: the PATH holds only (a copy of) readlink, the one tool the
     * launcher uses besides the shell's built-ins.
     */
    @Test
    void runsWithoutAJdkOnTheMachine() throws IOException {
        Path tools = Files.createDirectory(temp.resolve("tools"));
        Files.copy(onPath("readlink"), tools.resolve("readlink"), StandardCopyOption.COPY_ATTRIBUTES);

        Launch launch = Launch.run(distribution.launcher(), temp, Map.of("PATH", tools.toString()), "--version");

        assertThat(launch.exitCode()).as(launch.toString()).isZero();
        assertThat(launch.stdout()).isEqualTo("steward " + Distribution.version() + "\n");
    }

    /** Installed as /usr/local/bin/steward -> /opt/steward/bin/steward, say: the home is still found. */
    @Test
    void findsItsHomeThroughARelativeSymlink() throws IOException {
        Path links = Files.createDirectory(temp.resolve("links"));
        Path link = Files.createSymbolicLink(links.resolve("steward"), Path.of("../steward/bin/steward"));

        Launch launch = Launch.run(link, links, Launch.userEnvironment(), "plugins");

        assertThat(launch.exitCode()).as(launch.toString()).isZero();
        assertThat(launch.stdout()).contains(distribution.lib().resolve("steward-plugin-haproxy-"
                + Distribution.version() + ".jar").toString());
    }

    /** A check beside a running daemon must not roll the daemon's log files over: only run writes them (the demo its own). */
    @Test
    void theShortLivedCommandsLogToTheConsoleOnly() {
        Launch launch = Launch.run(distribution.launcher(), temp, Launch.userEnvironment(), "plugins");

        assertThat(launch.exitCode()).as(launch.toString()).isZero();
        assertThat(launch.stderr()).contains("plugin quarantine loaded from");
        assertThat(distribution.home().resolve("data/logs")).doesNotExist();
    }

    private static Path onPath(String tool) {
        return Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .map(directory -> Path.of(directory, tool))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError(tool + " is not on PATH"));
    }
}
