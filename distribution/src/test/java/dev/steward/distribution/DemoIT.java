package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code steward demo} from the built image: HAProxy, replicas under churn and checked clients, with
 * the terminal left to the status line (Steward's log goes to its file), redrawn in place on a real
 * terminal and printed as plain lines anywhere else. A terminal is a pseudo-terminal that util-linux's
 * {@code script} opens.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DemoIT extends ImageTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");
    private static final Pattern LOG_LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d[.,]\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR)");
    private static final Pattern STATUS = Pattern.compile("requests [1-9][0-9]*  errors 0  misroutes 0  reloads ");
    private static final Pattern DONE = Pattern.compile("Done: [1-9][0-9]* requests, 0 errors, 0 misroutes\\.");
    private static final String CLEAR_LINE = "\r\033[K";

    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        config = Files.writeString(temp.resolve("steward.conf"), """
                steward {
                  api.bind = "127.0.0.1:0"
                  haproxy.bind = "127.0.0.1:%d"
                  port-quarantine { range = "%s", window = 1s }
                }
                """.formatted(FreePort.pick(), FreePort.rangeSetting(40)));
    }

    @Test
    void withoutATerminalItPrintsPlainStatusLinesAndLogsToItsFileOnly() throws IOException {
        Launch launch = Launch.run(distribution.launcher(), temp, Launch.userEnvironment(),
                "demo", "--config", config.toString(), "--duration", "8s");

        assertThat(launch.exitCode()).as(launch.toString()).isZero();
        assertThat(launch.stdout()).as(launch.toString())
                .contains("Steward's log: " + logFile())
                .containsPattern(DONE)
                .doesNotContain("\r").doesNotContain("\033");
        assertThat(launch.stdout().lines().filter(line -> STATUS.matcher(line).lookingAt()))
                .as("plain status lines, one every few seconds: %s", launch.stdout()).hasSizeBetween(2, 5);
        assertThat(LOG_LINE.matcher(launch.stdout() + launch.stderr()).find()).as(launch.toString()).isFalse();
        assertThat(Files.readString(logFile())).contains("HTTP API listening on").containsPattern("revision [0-9]+ applied");
        assertThat(distribution.home().resolve("data/logs")).as("the daemon's log folder").doesNotExist();
    }

    @Test
    void onATerminalTheStatusLineIsRedrawnInPlaceAndNoLogLineBreaksItUp() throws IOException {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux's script is not installed");

        Launch launch = onATerminal("xterm");

        assertThat(launch.exitCode()).as(launch.toString()).isZero();
        String screen = launch.stdout();
        assertThat(screen).as(launch.toString()).contains(CLEAR_LINE + "requests ").containsPattern(DONE);
        assertThat(screen.split(Pattern.quote(CLEAR_LINE) + "requests ", -1).length - 1)
                .as("redraws of the status line").isGreaterThan(5);
        assertThat(LOG_LINE.matcher(screen).find()).as("a log line on the terminal: %s", screen).isFalse();
        assertThat(logFile()).exists();
    }

    @Test
    void onADumbTerminalItPrintsPlainStatusLines() throws IOException {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux's script is not installed");

        Launch launch = onATerminal("dumb");

        assertThat(launch.exitCode()).as(launch.toString()).isZero();
        assertThat(launch.stdout()).as(launch.toString()).containsPattern(DONE).doesNotContain("\033");
        assertThat(launch.stdout().lines().filter(line -> STATUS.matcher(line).lookingAt()))
                .as("plain status lines: %s", launch.stdout()).hasSizeBetween(2, 5);
    }

    /** The demo on a pseudo-terminal whose {@code TERM} is {@code term}; stdout is what the terminal showed. */
    private Launch onATerminal(String term) {
        Map<String, String> environment = new HashMap<>(Launch.userEnvironment());
        environment.put("TERM", term);
        environment.remove("COLUMNS");
        String command = "'" + distribution.launcher() + "' demo --config '" + config + "' --duration 8s";
        return Launch.run(SCRIPT, temp, environment, "--quiet", "--return", "--command", command, "/dev/null");
    }

    private Path logFile() {
        return distribution.home().resolve("data/demo/logs/steward.log");
    }
}
