package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import dev.steward.api.CommandContext;
import dev.steward.api.config.ConfigProblem;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.core.plugin.DiscoveredCommand;
import dev.steward.core.plugin.PluginCatalog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands plugins add. Core reads {@code --config FILE} to find the plugins folder and hands
 * every other word to the command, which parses its own options.
 */
final class PluginCommands {
    private static final Logger LOG = LoggerFactory.getLogger(PluginCommands.class);

    private final Path home;
    private final PrintStream out;
    private final PrintStream err;
    private final PluginDiscovery discovery;
    private final Set<String> coreCommands;

    PluginCommands(Path home, PrintStream out, PrintStream err, PluginDiscovery discovery, Set<String> coreCommands) {
        this.home = requireNonNull(home, "home is null");
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
        this.discovery = requireNonNull(discovery, "discovery is null");
        this.coreCommands = Set.copyOf(requireNonNull(coreCommands, "coreCommands is null"));
    }

    /** Runs {@code words}, whose first word is not one of core's commands. */
    int run(List<String> words, String coreUsage) {
        String name = words.getFirst();
        Invocation invocation;
        try {
            invocation = Invocation.parse(words.subList(1, words.size()), home);
        } catch (UsageException bad) {
            err.println("steward " + name + ": " + bad.getMessage());
            return ExitCode.BAD_CONFIGURATION;
        }
        PluginCatalog catalog;
        try {
            catalog = discovery.discover(invocation.configFile(), invocation.configRequired());
        } catch (InvalidConfigException invalid) {
            err.println("steward: cannot look for plugin commands; the configuration has " + invalid.problems().size()
                    + " problem(s):");
            invalid.problems().stream().map(ConfigProblem::toString).forEach(problem -> err.println("  " + problem));
            return ExitCode.BAD_CONFIGURATION;
        }
        Optional<DiscoveredCommand> command = catalog.command(name);
        if (command.isEmpty()) {
            err.println("steward: unknown command " + name);
            err.println(coreUsage + usage(catalog));
            return ExitCode.BAD_CONFIGURATION;
        }
        try {
            return command.get().provider().run(new CommandContext(invocation.arguments(), home, out, err));
        } catch (RuntimeException failure) {
            LOG.error("command {} of {} failed", name, command.get().module(), failure);
            err.println("steward " + name + ": failed: " + failure.getMessage());
            return ExitCode.FAILED;
        }
    }

    /** The usage lines of the commands found with the default configuration; empty when there are none. */
    String usage(Path configFile) {
        try {
            return usage(discovery.discover(configFile, false));
        } catch (InvalidConfigException unreadable) {
            return "";
        }
    }

    private String usage(PluginCatalog catalog) {
        List<List<String>> rows = new ArrayList<>();
        catalog.commands().stream()
                .filter(command -> !coreCommands.contains(command.name()))
                .sorted(Comparator.comparing(DiscoveredCommand::name))
                .forEach(command -> rows.add(List.of(command.name() + " " + command.provider().synopsis(),
                        command.provider().description() + " (" + command.module() + ")")));
        if (rows.isEmpty()) {
            return "";
        }
        int width = rows.stream().mapToInt(row -> row.getFirst().length()).max().orElse(0) + 2;
        StringBuilder text = new StringBuilder("\n\nplugin commands:");
        for (List<String> row : rows) {
            text.append("\n  ").append(String.format("%-" + width + "s", row.getFirst())).append(row.getLast());
        }
        return text.toString();
    }

    /** A plugin command's words with core's {@code --config FILE} taken out. */
    private record Invocation(Path configFile, boolean configRequired, List<String> arguments) {
        static Invocation parse(List<String> words, Path home) {
            Optional<Path> config = Optional.empty();
            List<String> arguments = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                if (words.get(i).equals("--config")) {
                    if (i + 1 >= words.size()) {
                        throw new UsageException("--config needs a file");
                    }
                    config = Optional.of(Path.of(words.get(++i)).toAbsolutePath().normalize());
                } else {
                    arguments.add(words.get(i));
                }
            }
            return new Invocation(config.orElse(home.resolve(CommandLine.DEFAULT_CONFIG)), config.isPresent(), arguments);
        }
    }
}
