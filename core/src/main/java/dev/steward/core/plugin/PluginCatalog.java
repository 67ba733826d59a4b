package dev.steward.core.plugin;

import static java.util.Objects.requireNonNull;

import dev.steward.api.PluginProvider;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every plugin and plugin command found at start-up, and every file that was skipped. */
public record PluginCatalog(List<DiscoveredPlugin> plugins, List<DiscoveredCommand> commands, List<PluginProblem> problems) {
    public PluginCatalog {
        plugins = List.copyOf(requireNonNull(plugins, "plugins is null"));
        commands = List.copyOf(requireNonNull(commands, "commands is null"));
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
    }

    /** The plugins, built-in ones included, by kind, then by name, as the commands list them. */
    public List<DiscoveredPlugin> byKindAndName() {
        return plugins.stream().sorted(Comparator.comparing(DiscoveredPlugin::kind).thenComparing(DiscoveredPlugin::name))
                .toList();
    }

    public Optional<DiscoveredCommand> command(String name) {
        return commands.stream().filter(command -> command.name().equals(name)).findFirst();
    }

    public Optional<DiscoveredPlugin> find(PluginKind kind, String name) {
        return plugins.stream().filter(plugin -> plugin.kind() == kind && plugin.name().equals(name)).findFirst();
    }

    /** The provider of {@code kind} named {@code name}, typed. */
    public <P extends PluginProvider<?>> Optional<P> provider(PluginKind kind, String name, Class<P> type) {
        return find(kind, name).map(plugin -> type.cast(plugin.provider()));
    }

    public String names(PluginKind kind) {
        return plugins.stream().filter(plugin -> plugin.kind() == kind).map(DiscoveredPlugin::name)
                .sorted().collect(Collectors.joining(", "));
    }
}
