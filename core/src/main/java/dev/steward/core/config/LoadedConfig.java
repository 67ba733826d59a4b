package dev.steward.core.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import dev.steward.api.config.ConfigProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The merged, resolved configuration.
 *
 * @param config user overrides, environment and every reference, resolved
 * @param home the distribution's home
 * @param file the user's file, when one was read
 * @param defaults the references alone, resolved: what each key is when the user sets nothing
 * @param unknownKeys keys under {@code steward} that no reference defines
 */
public record LoadedConfig(Config config, Path home, Optional<Path> file, Config defaults, List<ConfigProblem> unknownKeys) {
    public LoadedConfig {
        requireNonNull(config, "config is null");
        requireNonNull(home, "home is null");
        requireNonNull(file, "file is null");
        requireNonNull(defaults, "defaults is null");
        unknownKeys = List.copyOf(requireNonNull(unknownKeys, "unknownKeys is null"));
    }
}
