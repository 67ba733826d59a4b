package dev.steward.core.daemon;

import dev.steward.api.BroadcastSource;
import dev.steward.core.http.RouteContributor;
import dev.steward.core.plugin.DiscoveredPlugin;
import dev.steward.core.plugin.PluginCatalog;
import dev.steward.core.plugin.PluginKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The routes broadcast sources add to the API: those of each configured source that has some, and,
 * for a source that is not configured, those of its provider, which say how to configure it.
 */
final class ContributedRoutes {
    private ContributedRoutes() {}

    static List<RouteContributor> of(PluginCatalog catalog, List<NamedSource> sources) {
        List<RouteContributor> contributors = new ArrayList<>();
        for (NamedSource named : sources) {
            BroadcastSource source = named.source();
            if (source instanceof RouteContributor contributor) {
                contributors.add(contributor);
            }
        }
        Set<String> configured = sources.stream().map(NamedSource::name).collect(Collectors.toSet());
        for (DiscoveredPlugin plugin : catalog.plugins()) {
            if (plugin.kind() == PluginKind.BROADCAST_SOURCE && !configured.contains(plugin.name())
                    && plugin.provider() instanceof RouteContributor contributor) {
                contributors.add(contributor);
            }
        }
        return List.copyOf(contributors);
    }
}
