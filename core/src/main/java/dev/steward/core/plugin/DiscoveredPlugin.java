package dev.steward.core.plugin;

import static java.util.Objects.requireNonNull;

import dev.steward.api.PluginProvider;
import java.util.Optional;

/**
 * One provider found at start-up.
 *
 * @param module the JPMS module that provides it
 * @param version the module's version, or {@code unknown}
 * @param file the jar or folder it came from, or {@code built-in} for the runtime image
 * @param reference the defaults of its {@code reference.conf}, when it ships one
 */
public record DiscoveredPlugin(
        String name,
        PluginKind kind,
        String module,
        String version,
        String file,
        PluginProvider<?> provider,
        Optional<com.typesafe.config.Config> reference) {
    public DiscoveredPlugin {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(module, "module is null");
        requireNonNull(version, "version is null");
        requireNonNull(file, "file is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(reference, "reference is null");
    }
}
