package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import dev.steward.api.config.ConfigProblem;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.core.daemon.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of INTERFACES.md: parses, dispatches, and turns failures into exit codes. A word
 * that is not one of core's commands is looked up among the commands plugins add.
 */
public final class Cli {
    private static final String USAGE = """
            usage: steward <command> [options]

              run     [--config FILE]                 run the daemon in the foreground
              stop    [--config FILE] [--keep-haproxy | --stop-haproxy]
                                                      stop the running daemon; --keep-haproxy leaves HAProxy
                                                      serving for the next start to take over (upgrades)
              status  [--config FILE]                 the running daemon on one screen: revisions, applies, HAProxy,
                                                      routes, ports; exit 1 when it is degraded or does not answer
              check   [--config FILE]                 validate config and plugins, render and check the HAProxy config
              render  [--config FILE] [--state FILE]  print the HAProxy config a routing state produces
              plugins [--config FILE]                 list the plugins found
              demo    [--config FILE] [--duration D]  HAProxy, demo replicas under churn, and checked traffic
              --version                               print the version

            FILE defaults to conf/steward.conf under the home (STEWARD_HOME or the working directory).""";

    /** The words of core's own commands; a plugin command cannot take one. */
    private static final Set<String> CORE_COMMANDS =
            Set.of("run", "stop", "status", "check", "render", "plugins", "demo", "--version", "version", "help",
                    "--help");

    private final PrintStream out;
    private final PrintStream err;
    private final Path home;
    private final PluginDiscovery discovery;

    public Cli(PrintStream out, PrintStream err, Path home) {
        this(out, err, home, (configFile, required) -> Bootstrap.discover(home, configFile, required));
    }

    Cli(PrintStream out, PrintStream err, Path home, PluginDiscovery discovery) {
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
        this.home = requireNonNull(home, "home is null");
        this.discovery = requireNonNull(discovery, "discovery is null");
    }

    public int run(List<String> words) {
        Command version = ignored -> version();
        Command help = ignored -> help();
        Map<String, Command> commands = Map.ofEntries(
                Map.entry("run", new RunCommand(err)),
                Map.entry("stop", new StopCommand(out, err)),
                Map.entry("status", new StatusCommand(out, err)),
                Map.entry("check", new CheckCommand(out)),
                Map.entry("render", new RenderCommand(out, err)),
                Map.entry("plugins", new PluginsCommand(out, discovery, CORE_COMMANDS)),
                Map.entry("demo", new DemoCommand(out, err)),
                Map.entry("--version", version),
                Map.entry("version", version),
                Map.entry("help", help),
                Map.entry("--help", help));
        if (!words.isEmpty() && !commands.containsKey(words.getFirst()) && !words.getFirst().startsWith("-")) {
            return pluginCommands().run(words, USAGE);
        }
        CommandLine line;
        try {
            line = CommandLine.parse(words, home);
        } catch (UsageException bad) {
            err.println("steward: " + bad.getMessage());
            err.println(USAGE);
            return ExitCode.BAD_CONFIGURATION;
        }
        Command command = commands.get(line.command());
        if (command == null) {
            err.println("steward: unknown command " + line.command());
            err.println(USAGE);
            return ExitCode.BAD_CONFIGURATION;
        }
        try {
            return command.run(line);
        } catch (InvalidConfigException invalid) {
            err.println("steward: the configuration has " + invalid.problems().size() + " problem(s):");
            for (ConfigProblem problem : invalid.problems()) {
                err.println("  " + problem);
            }
            return ExitCode.BAD_CONFIGURATION;
        } catch (UsageException bad) {
            err.println("steward: " + bad.getMessage());
            return ExitCode.BAD_CONFIGURATION;
        }
    }

    private PluginCommands pluginCommands() {
        return new PluginCommands(home, out, err, discovery, CORE_COMMANDS);
    }

    private int version() {
        out.println("steward " + Version.current());
        return ExitCode.OK;
    }

    private int help() {
        out.println(USAGE + pluginCommands().usage(home.resolve(CommandLine.DEFAULT_CONFIG)));
        return ExitCode.OK;
    }
}
