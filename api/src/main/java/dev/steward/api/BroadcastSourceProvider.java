package dev.steward.api;

/** Provides a {@link BroadcastSource}; its settings live under {@code steward.sources.<name>} by default. */
public interface BroadcastSourceProvider extends PluginProvider<BroadcastSource> {
    @Override
    default String settingsKey() {
        return "sources." + name();
    }
}
