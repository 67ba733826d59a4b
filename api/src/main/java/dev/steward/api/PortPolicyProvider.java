package dev.steward.api;

/** Provides a {@link PortPolicy}; its settings live under {@code steward.<name>} by default. */
public interface PortPolicyProvider extends PluginProvider<PortPolicy> {
    @Override
    default String settingsKey() {
        return name();
    }
}
