package dev.steward.core.plugin;

import static java.util.Objects.requireNonNull;

import dev.steward.api.CommandProvider;

/**
 * A command line command a plugin adds, found at start-up.
 *
 * @param module the JPMS module that provides it
 * @param version the module's version, or {@code unknown}
 * @param file the jar or folder it came from, or {@code built-in}
 */
public record DiscoveredCommand(String name, String module, String version, String file, CommandProvider provider) {
    public DiscoveredCommand {
        requireNonNull(name, "name is null");
        requireNonNull(module, "module is null");
        requireNonNull(version, "version is null");
        requireNonNull(file, "file is null");
        requireNonNull(provider, "provider is null");
    }
}
