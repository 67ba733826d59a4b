package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import dev.steward.core.daemon.Bootstrap;
import dev.steward.core.daemon.PluginAssembly;
import dev.steward.core.plugin.DiscoveredPlugin;
import dev.steward.core.plugin.PluginCatalog;
import dev.steward.core.plugin.PluginKind;
import dev.steward.core.plugin.PluginProblem;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code steward plugins}: every plugin found, and every file skipped with the reason. */
final class PluginsCommand implements Command {
    private final PrintStream out;

    PluginsCommand(PrintStream out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public int run(CommandLine line) {
        PluginCatalog catalog = Bootstrap.discover(line.home(), line.configFile(), line.configRequired());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NAME", "KIND", "MODULE", "VERSION", "FILE"));
        catalog.plugins().stream()
                .sorted(Comparator.comparing(DiscoveredPlugin::kind).thenComparing(DiscoveredPlugin::name))
                .forEach(plugin -> rows.add(List.of(plugin.name(), plugin.kind().label(), plugin.module(),
                        plugin.version(), plugin.file())));
        rows.add(List.of(PluginAssembly.HTTP_SOURCE, PluginKind.BROADCAST_SOURCE.label(), "dev.steward.core",
                Version.current(), "built-in"));
        Table.print(out, rows);
        for (PluginProblem problem : catalog.problems()) {
            out.println("skipped " + problem);
        }
        return ExitCode.OK;
    }
}
