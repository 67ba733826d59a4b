package dev.steward.core.source.http;

import dev.steward.api.BroadcastSource;
import dev.steward.api.BroadcastSourceProvider;
import dev.steward.api.PluginContext;
import dev.steward.core.http.Route;
import dev.steward.core.http.RouteContributor;
import java.util.List;

/**
 * The built-in {@code http} source: routing state over the API's PUT and DELETE routes, journaled in
 * its data directory. While it is not among the broadcast sources, the provider's own routes answer
 * those paths with a 404 that says how to enable it.
 */
public final class HttpBroadcastSourceProvider implements BroadcastSourceProvider, RouteContributor {
    private static final String NAME = "http";
    private static final String JOURNAL = "changes.journal";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BroadcastSource create(PluginContext context) {
        context.settingsReader().validate();
        return new HttpBroadcastSource(context.dataDirectory().resolve(JOURNAL));
    }

    @Override
    public List<Route> routes() {
        return RoutingEndpoints.disabled(NAME);
    }
}
