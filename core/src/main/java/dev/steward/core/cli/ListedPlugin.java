package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import dev.steward.core.daemon.PluginAssembly;
import dev.steward.core.plugin.PluginCatalog;
import dev.steward.core.plugin.PluginKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A plugin as {@code steward plugins} and {@code steward check} list it: every discovered one, and
 * core's {@code http} source, which is built into the API server rather than found as a provider.
 */
record ListedPlugin(String name, PluginKind kind, String module, String version, String file) {
    ListedPlugin {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(module, "module is null");
        requireNonNull(version, "version is null");
        requireNonNull(file, "file is null");
    }

    /** The catalog's plugins and the http source, by kind, then by name. */
    static List<ListedPlugin> of(PluginCatalog catalog) {
        List<ListedPlugin> listed = new ArrayList<>();
        catalog.plugins().forEach(plugin -> listed.add(
                new ListedPlugin(plugin.name(), plugin.kind(), plugin.module(), plugin.version(), plugin.file())));
        listed.add(new ListedPlugin(PluginAssembly.HTTP_SOURCE, PluginKind.BROADCAST_SOURCE, "dev.steward.core",
                Version.current(), "built-in"));
        listed.sort(Comparator.comparing(ListedPlugin::kind).thenComparing(ListedPlugin::name));
        return List.copyOf(listed);
    }
}
