package dev.steward.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.testing.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... words) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                home).run(List.of(words));
    }

    private Path config(String text) throws IOException {
        Path conf = Files.createDirectories(home.resolve("conf")).resolve("steward.conf");
        Files.writeString(conf, text);
        return conf;
    }

    @Test
    void printsTheVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("steward ");
    }

    @Test
    void anUnknownCommandPrintsUsageAndExitsTwo() {
        assertThat(run("frobnicate")).isEqualTo(ExitCode.BAD_CONFIGURATION);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command frobnicate").contains("usage: steward");
    }

    @Test
    void runStopsWithExitTwoListingEveryUnknownKeyAndBadValueWithFileAndLine() throws IOException {
        Path conf = config("""
                steward {
                  coalesce.windw = 50ms
                  coalesce.quick-retries = -1
                  api.bind = "nowhere"
                }
                """);

        assertThat(run("run")).isEqualTo(ExitCode.BAD_CONFIGURATION);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("steward.coalesce.windw (" + conf + ":2): unknown key; steward.coalesce knows [backoff-initial,"
                        + " backoff-max, quick-retries, window]")
                .contains("steward.coalesce.quick-retries (" + conf + ":3): expected an integer from 0 to 100, found -1")
                .contains("steward.api.bind (" + conf + ":4): expected host:port");
    }

    @Test
    void aNonLoopbackApiWithoutATokenIsRefused() throws IOException {
        config("steward.api.bind = \"0.0.0.0:9090\"");
        assertThat(run("run")).isEqualTo(ExitCode.BAD_CONFIGURATION);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("steward.api.bind").contains("no token is set");
    }

    @Test
    void aConfigFileNamedOnTheCommandLineMustExist() {
        assertThat(run("check", "--config", home.resolve("missing.conf").toString())).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("file not found");
    }

    @Test
    void checkListsAnUnknownPluginNameWithWhatWasFound() throws IOException {
        config("steward.proxy-backend = nginx");
        assertThat(run("check")).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("steward.proxy-backend: no proxy-backend plugin named \"nginx\" was found");
    }

    @Test
    void pluginsListsTheBuiltInSources() {
        assertThat(run("plugins")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("file\\s+broadcast-source\\s+dev.steward.core")
                .containsPattern("http\\s+broadcast-source\\s+dev.steward.core");
    }

    @Test
    void checkReportsChangedSettingsWithTheirOriginHidesSecretsAndValidatesTheRenderedConfig() throws IOException {
        Path conf = config("""
                steward {
                  coalesce.window = 50ms
                  api.token = "a-secret-token-0123456789"
                  sources.file.path = "conf/targets.conf"
                }
                """);
        Files.writeString(home.resolve("conf/targets.conf"), """
                targetGroups = [ { name = app1, routePrefix = "/app1",
                  targets = [ { host = 127.0.0.1, port = 20001, replicaId = r1 } ] } ]
                """);

        assertThat(run("check")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("steward.coalesce.window = \"50ms\"  (" + conf + ":2)")
                .contains("steward.api.token = (set, not shown)")
                .doesNotContain("a-secret-token")
                .containsPattern("haproxy\\s+proxy-backend")
                .contains("HAProxy 2.")
                .contains("1 groups, 0 fallback targets")
                .contains("accepted by the proxy's own check")
                .contains("OK: no problem found");
    }

    @Test
    void checkListsABadRoutingStateWithItsLineAndWhatToDo() throws IOException {
        config("steward.sources.file.path = \"conf/targets.conf\"");
        Files.writeString(home.resolve("conf/targets.conf"), "targetGroups = [ { name = \"a b\", routePrefix = \"/a\", targets = [] } ]\n");

        assertThat(run("check")).isEqualTo(ExitCode.FAILED);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("routing state: conf/targets.conf:1: targetGroups[0].name: must match")
                .contains("what to do: fix that line of the file");
    }

    @Test
    void stopSaysWhereItExpectedARunningStewardWhenNoneAnswers() throws IOException {
        int port = FreePort.pick();
        Path conf = config("steward.api.bind = \"127.0.0.1:" + port + "\"");

        assertThat(run("stop", "--keep-haproxy")).isEqualTo(ExitCode.FAILED);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("steward: expected a running Steward to answer on http://127.0.0.1:"
                + port + " (steward.api.bind in " + conf + "), found nothing listening there: is it running with this configuration?");
    }

    @Test
    void theHaproxyOptionsBelongToStopAndExcludeEachOther() {
        assertThat(run("run", "--keep-haproxy")).isEqualTo(ExitCode.BAD_CONFIGURATION);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --keep-haproxy for run; it belongs to stop");

        assertThat(run("stop", "--keep-haproxy", "--stop-haproxy")).isEqualTo(ExitCode.BAD_CONFIGURATION);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("expected one of --keep-haproxy and --stop-haproxy, found both");
    }
}
