package dev.steward.core.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import dev.steward.api.config.ConfigProblem;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.api.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the user's HOCON file over the references of core and of every loaded plugin, resolves
 * environment overrides, and refuses keys that no reference defines.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * @param file the user's file; when {@code required} is false a missing file means defaults only
     * @return the configuration, with the unknown keys it holds listed for the caller to report with
     *     every other problem
     * @throws InvalidConfigException when the file cannot be read at all
     */
    public static LoadedConfig load(Path home, Path file, boolean required, List<ReferenceConfig> references) {
        return load(home, file, required, references, ConfigFactory.empty());
    }

    /**
     * @param overrides settings a command imposes over the user's file (the demo's own sources, say)
     */
    public static LoadedConfig load(Path home, Path file, boolean required, List<ReferenceConfig> references,
            Config overrides) {
        requireNonNull(home, "home is null");
        requireNonNull(overrides, "overrides is null");
        requireNonNull(file, "file is null");
        requireNonNull(references, "references is null");
        Config reference = ConfigFactory.empty();
        for (ReferenceConfig each : references) {
            reference = reference.withFallback(each.config());
        }
        Optional<Path> readFile = Optional.empty();
        Config user = ConfigFactory.empty();
        if (Files.exists(file)) {
            user = parse(file);
            readFile = Optional.of(file);
        } else if (required) {
            throw new InvalidConfigException(List.of(new ConfigProblem("--config", "file not found: " + file, "")));
        }
        Config merged;
        Config resolvedReference;
        try {
            resolvedReference = reference.resolve(ConfigResolveOptions.defaults());
            merged = overrides.withFallback(user).withFallback(reference).resolve(ConfigResolveOptions.defaults());
        } catch (ConfigException.UnresolvedSubstitution unresolved) {
            throw new InvalidConfigException(List.of(new ConfigProblem("steward",
                    "unresolved substitution: " + unresolved.getMessage(), Settings.origin(unresolved.origin()))));
        }
        return new LoadedConfig(merged, home, readFile, resolvedReference, UnknownKeys.find(merged, resolvedReference));
    }

    private static Config parse(Path file) {
        ConfigParseOptions options = ConfigParseOptions.defaults()
                .setAllowMissing(false)
                .setSyntax(file.toString().endsWith(".json") ? ConfigSyntax.JSON : ConfigSyntax.CONF);
        try {
            return ConfigFactory.parseFile(file.toFile(), options);
        } catch (ConfigException problem) {
            throw new InvalidConfigException(List.of(
                    new ConfigProblem("(file)", "cannot be parsed: " + problem.getMessage(), Settings.origin(problem.origin()))));
        }
    }
}
