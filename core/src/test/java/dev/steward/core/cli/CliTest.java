package dev.steward.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.CommandContext;
import dev.steward.api.CommandProvider;
import dev.steward.core.plugin.DiscoveredCommand;
import dev.steward.core.plugin.PluginCatalog;
import dev.steward.testkit.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    void aDurationWithoutAUnitIsRefusedWithTheFixInTheFileAndOnTheCommandLine() throws IOException {
        Path conf = config("""
                steward.port-quarantine.window = 10
                steward.coalesce.window = 0
                """);

        assertThat(run("check")).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("steward.port-quarantine.window (" + conf + ":1): a duration needs a unit, found 10: write \"10s\""
                        + " for 10 seconds or \"10ms\" for 10 milliseconds")
                .as("0 needs no unit").doesNotContain("steward.coalesce.window (");

        assertThat(run("demo", "--duration", "30")).isEqualTo(ExitCode.BAD_CONFIGURATION);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--duration: a duration needs a unit, found \"30\": write"
                + " \"30s\" for 30 seconds or \"30ms\" for 30 milliseconds");
    }

    @Test
    void aQuarantineCapNoLongerThanOldHaproxyProcessesRouteIsRefusedByCheckAndRun() throws IOException {
        Path conf = config("""
                steward {
                  api.bind = "127.0.0.1:%d"
                  haproxy.hard-stop-after = 30m
                }
                """.formatted(FreePort.pick()));

        assertThat(run("check")).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("steward.port-quarantine.cap (").contains("): must be longer"
                + " than an old proxy process may still route to a released port: steward.coalesce.window 100ms + steward.haproxy"
                + " start-timeout 10s + retiring.wait 30s + hard-stop-after 30m = 30m 40.1s, found 10m; set it to 31m or more");
        assertThat(run("run")).isEqualTo(ExitCode.BAD_CONFIGURATION);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("): must be longer than an old proxy process");

        out.reset();
        Files.writeString(conf, Files.readString(conf) + "steward.port-quarantine.cap = 31m\n");
        run("check");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("must be longer than an old proxy process");
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

    private final List<List<String>> greeted = new ArrayList<>();
    private final List<Path> discoveredWith = new ArrayList<>();

    /** A plugin command that records its arguments, prints them and exits 3, or fails when asked. */
    private final class Greet implements CommandProvider {
        private final String name;

        Greet(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String synopsis() {
            return "--name NAME";
        }

        @Override
        public String description() {
            return "says hello";
        }

        @Override
        public int run(CommandContext context) {
            greeted.add(context.arguments());
            if (context.arguments().contains("--fail")) {
                throw new IllegalStateException("the greeting went wrong");
            }
            context.out().println("hello " + String.join(" ", context.arguments()));
            return 3;
        }
    }

    private DiscoveredCommand greetCommand(String name) {
        return new DiscoveredCommand(name, "dev.example.greet", "1.0", "lib/greet.jar", new Greet(name));
    }

    private int runWithPlugins(List<DiscoveredCommand> commands, String... words) {
        PluginCatalog catalog = new PluginCatalog(List.of(), commands, List.of());
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                home, (configFile, required) -> {
                    discoveredWith.add(configFile);
                    return catalog;
                }).run(List.of(words));
    }

    @Test
    void aPluginCommandGetsEveryWordButCoresConfigOptionAndItsExitCodeIsTheProcesses() {
        Path conf = home.resolve("other.conf");

        assertThat(runWithPlugins(List.of(greetCommand("greet")), "greet", "--name", "x", "--config", conf.toString()))
                .isEqualTo(3);

        assertThat(greeted).containsExactly(List.of("--name", "x"));
        assertThat(discoveredWith).containsExactly(conf);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello --name x" + System.lineSeparator());
    }

    @Test
    void aFailingPluginCommandExitsOneWithItsMessage() {
        assertThat(runWithPlugins(List.of(greetCommand("greet")), "greet", "--fail")).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("steward greet: failed: the greeting went wrong");
    }

    @Test
    void usageAndHelpListThePluginCommands() {
        assertThat(runWithPlugins(List.of(greetCommand("greet")), "frobnicate")).isEqualTo(ExitCode.BAD_CONFIGURATION);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command frobnicate")
                .containsPattern("plugin commands:\\s+greet --name NAME\\s+says hello \\(dev.example.greet\\)");

        assertThat(runWithPlugins(List.of(greetCommand("greet")), "help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: steward").contains("greet --name NAME");
    }

    @Test
    void pluginsListsThePluginCommandsAndSkipsOneThatTakesACoreWord() {
        assertThat(runWithPlugins(List.of(greetCommand("greet"), greetCommand("run")), "plugins")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("greet\\s+command\\s+dev.example.greet\\s+1.0\\s+lib/greet.jar")
                .contains("skipped lib/greet.jar: its command run is one of core's own commands")
                .doesNotContainPattern("run\\s+command");
    }

    @Test
    void aCoreWordIsNeverAPluginCommand() {
        assertThat(runWithPlugins(List.of(greetCommand("render")), "--version")).isZero();
        assertThat(greeted).isEmpty();
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
                fallbackTargets = []
                """);

        assertThat(run("check")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("steward.coalesce.window = \"50ms\"  (" + conf + ":2)")
                .contains("steward.api.token = (set, not shown)")
                .doesNotContain("a-secret-token")
                .containsPattern("haproxy\\s+proxy-backend\\s+in use")
                .containsPattern("http\\s+broadcast-source\\s+in use\\s+built-in")
                .containsPattern("HAProxy (2\\.[6-9]|3\\.)")
                .contains("version-dependent: set server addr answers in")
                .contains("1 group, 0 fallback targets")
                .contains("accepted by the proxy's own check")
                .contains("OK: no problem found");
    }

    @Test
    void anHaproxyOlderThanTwoSixFailsCheckAndRunNamingTheVersionFound() throws IOException {
        Path old = home.resolve("haproxy-2.4");
        Files.writeString(old, "#!/bin/sh\necho 'HAProxy version 2.4.22-0ubuntu0.22.04.3 2023/12/04 - https://haproxy.org/'\n");
        assertThat(old.toFile().setExecutable(true)).isTrue();
        config("steward { haproxy.binary = \"" + old + "\", api.bind = \"127.0.0.1:" + FreePort.pick() + "\" }");

        assertThat(run("check")).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("HAProxy 2.4.22-0ubuntu0.22.04.3 found at " + old)
                .contains("Steward needs HAProxy 2.6 or newer");

        assertThat(run("run")).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8))
                .contains("HAProxy 2.4.22-0ubuntu0.22.04.3 found at " + old);
    }

    @Test
    void checkListsABadRoutingStateWithItsLineAndWhatToDo() throws IOException {
        config("steward.sources.file.path = \"conf/targets.conf\"");
        Files.writeString(home.resolve("conf/targets.conf"), "targetGroups = [ { name = \"a b\", routePrefix = \"/a\", targets = [] } ]\n"
                + "fallbackTargets = []\n");

        assertThat(run("check")).isEqualTo(ExitCode.FAILED);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("routing state: conf/targets.conf:1: targetGroups[0].name: must match")
                .contains("what to do: fix that line of the file");
    }

    @Test
    void checkAndRenderRefuseARoutingFileThatDoesNotNameBothKinds() throws IOException {
        config("steward.sources.file.path = \"conf/targets.conf\"");
        Files.writeString(home.resolve("conf/targets.conf"), "# emptied by an editor that truncates first\n");

        assertThat(run("check")).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("routing state: conf/targets.conf:1: targetGroups: is"
                + " required: a routing document names both targetGroups and fallbackTargets, with an empty list ([]) for none");

        Path state = Files.writeString(home.resolve("state.conf"), "targetGroups = []\n");
        out.reset();
        assertThat(run("render", "--state", state.toString())).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).as("no configuration rendered from it").isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("steward: the routing state is invalid: state.conf:1: fallbackTargets: is required");
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

    @Test
    void theFleetPortGateNeedsASourceSharedByAFleet() throws IOException {
        config("steward.port-gate.scope = fleet");
        assertThat(run("check")).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("steward.port-gate.scope: fleet needs a broadcast source"
                + " shared by a fleet of nodes, such as etcd; none of [file, http] is one");
    }

    @Test
    void thePortGateScopeIsNodeOrFleet() throws IOException {
        Path conf = config("steward.port-gate.scope = cluster");
        assertThat(run("run")).isEqualTo(ExitCode.BAD_CONFIGURATION);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("steward.port-gate.scope (" + conf + ":1): expected node or fleet, found \"cluster\"");
    }
}
