package dev.steward.api;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import dev.steward.api.config.Settings;
import dev.steward.api.metrics.Metrics;
import dev.steward.api.time.TimeSource;
import java.nio.file.Path;

/**
 * Everything a plugin receives from Steward, and nothing more: a narrow door in the style of Trino's
 * connector context. Plugins never see Guice or Steward's core.
 *
 * @param pluginName the provider's {@code name()}
 * @param settings the plugin's own settings subtree, defaults from its {@code reference.conf} merged
 * @param settingsPath the full path of that subtree, such as {@code steward.haproxy}, for messages
 * @param nodeId this proxy node's id
 * @param home the distribution's home directory; relative paths in settings resolve against it
 * @param dataDirectory a directory the plugin owns, under {@code steward.data-dir}; created for it
 * @param time the clock to use for every interval and deadline
 * @param metrics where to register metrics
 */
public record PluginContext(
        String pluginName,
        Config settings,
        String settingsPath,
        String nodeId,
        Path home,
        Path dataDirectory,
        TimeSource time,
        Metrics metrics) {
    public PluginContext {
        requireNonNull(pluginName, "pluginName is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(settingsPath, "settingsPath is null");
        requireNonNull(nodeId, "nodeId is null");
        requireNonNull(home, "home is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(time, "time is null");
        requireNonNull(metrics, "metrics is null");
    }

    /** A reader for the plugin's settings that reports problems under their full key paths. */
    public Settings settingsReader() {
        return Settings.of(settings, settingsPath);
    }

    /** A path from the settings, resolved against the distribution's home when relative. */
    public Path resolve(String path) {
        return home.resolve(path).normalize();
    }
}
