package dev.steward.api;

/** Provides a {@link ProxyBackend}; its settings live under {@code steward.<name>} by default. */
public interface ProxyBackendProvider extends PluginProvider<ProxyBackend> {
    @Override
    default String settingsKey() {
        return name();
    }
}
