package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import dev.steward.core.plugin.DiscoveredCommand;
import dev.steward.core.plugin.PluginCatalog;
import dev.steward.core.plugin.PluginLoader;
import dev.steward.core.plugin.PluginProblem;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** {@code steward plugins}: every plugin and plugin command found, and every file skipped with the reason. */
final class PluginsCommand implements Command {
    private final PrintStream out;
    private final PluginDiscovery discovery;
    private final Set<String> coreCommands;

    PluginsCommand(PrintStream out, PluginDiscovery discovery, Set<String> coreCommands) {
        this.out = requireNonNull(out, "out is null");
        this.discovery = requireNonNull(discovery, "discovery is null");
        this.coreCommands = Set.copyOf(requireNonNull(coreCommands, "coreCommands is null"));
    }

    @Override
    public int run(CommandLine line) {
        PluginCatalog catalog = discovery.discover(line.configFile(), line.configRequired());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NAME", "KIND", "MODULE", "VERSION", "FILE"));
        catalog.byKindAndName().forEach(plugin -> rows.add(List.of(plugin.name(), plugin.kind().label(), plugin.module(),
                plugin.version(), plugin.file())));
        List<DiscoveredCommand> commands = catalog.commands().stream()
                .sorted(Comparator.comparing(DiscoveredCommand::name)).toList();
        commands.stream().filter(command -> !coreCommands.contains(command.name()))
                .forEach(command -> rows.add(List.of(command.name(), PluginLoader.COMMAND, command.module(),
                        command.version(), command.file())));
        Table.print(out, rows);
        for (PluginProblem problem : catalog.problems()) {
            out.println("skipped " + problem);
        }
        commands.stream().filter(command -> coreCommands.contains(command.name()))
                .forEach(command -> out.println("skipped " + new PluginProblem(command.file(),
                        "its command " + command.name() + " is one of core's own commands")));
        return ExitCode.OK;
    }
}
