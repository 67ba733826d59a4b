package dev.steward.core.daemon;

import static java.util.Objects.requireNonNull;

import dev.steward.core.config.LoadedConfig;
import dev.steward.core.config.StewardSettings;
import dev.steward.core.plugin.PluginCatalog;

/** Configuration read, validated, and the plugins found. */
public record Bootstrapped(LoadedConfig config, PluginCatalog catalog, StewardSettings settings) {
    public Bootstrapped {
        requireNonNull(config, "config is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(settings, "settings is null");
    }
}
