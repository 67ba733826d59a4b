package dev.steward.core.cli;

import dev.steward.core.plugin.PluginCatalog;
import java.nio.file.Path;

/** Finds the plugins, reading only core's keys of the configuration: how the plugins folder is found. */
@FunctionalInterface
interface PluginDiscovery {
    /**
     * @param required whether a missing file is an error (it was named on the command line)
     * @throws dev.steward.api.config.InvalidConfigException when core's keys cannot be read
     */
    PluginCatalog discover(Path configFile, boolean required);
}
