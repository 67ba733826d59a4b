package dev.steward.api;

import dev.steward.api.config.InvalidConfigException;

/**
 * A factory for one plugin, found with {@link java.util.ServiceLoader}. Declared in the plugin's
 * {@code module-info.java} with {@code provides}.
 *
 * @param <T> what the plugin provides
 */
public interface PluginProvider<T> {
    /** The name the configuration refers to; in the name alphabet ({@code haproxy}, {@code file}). */
    String name();

    /** The key under {@code steward} that holds this plugin's settings. */
    String settingsKey();

    /**
     * Builds the plugin from its settings. Every bad setting is reported at once, with its path, in
     * an {@link InvalidConfigException}.
     */
    T create(PluginContext context);
}
