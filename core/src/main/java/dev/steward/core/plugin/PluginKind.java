package dev.steward.core.plugin;

import dev.steward.api.BroadcastSourceProvider;
import dev.steward.api.PluginProvider;
import dev.steward.api.PortPolicyProvider;
import dev.steward.api.ProxyBackendProvider;

/** The extension points, each with the provider interface {@link java.util.ServiceLoader} looks for. */
public enum PluginKind {
    PROXY_BACKEND("proxy-backend", ProxyBackendProvider.class),
    BROADCAST_SOURCE("broadcast-source", BroadcastSourceProvider.class),
    PORT_POLICY("port-policy", PortPolicyProvider.class);

    private final String label;
    private final Class<? extends PluginProvider<?>> providerType;

    PluginKind(String label, Class<? extends PluginProvider<?>> providerType) {
        this.label = label;
        this.providerType = providerType;
    }

    public String label() {
        return label;
    }

    public Class<? extends PluginProvider<?>> providerType() {
        return providerType;
    }
}
