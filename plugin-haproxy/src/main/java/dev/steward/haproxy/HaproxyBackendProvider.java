package dev.steward.haproxy;

import dev.steward.api.PluginContext;
import dev.steward.api.ProxyBackend;
import dev.steward.api.ProxyBackendProvider;
import dev.steward.haproxy.settings.HaproxySettings;
import dev.steward.haproxy.settings.RuntimePaths;

/** Provides the {@code haproxy} proxy backend; its settings live under {@code steward.haproxy}. */
public final class HaproxyBackendProvider implements ProxyBackendProvider {
    @Override
    public String name() {
        return "haproxy";
    }

    @Override
    public ProxyBackend create(PluginContext context) {
        HaproxySettings settings = HaproxySettings.read(context.settingsReader(), context.home());
        return new HaproxyBackend(settings, RuntimePaths.under(context.dataDirectory()), context.home(), context.time(),
                context.metrics());
    }
}
