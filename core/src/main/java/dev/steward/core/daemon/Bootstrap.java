package dev.steward.core.daemon;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.steward.api.config.ConfigProblem;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.api.config.Settings;
import dev.steward.core.config.ConfigLoader;
import dev.steward.core.config.LoadedConfig;
import dev.steward.core.config.ReferenceConfig;
import dev.steward.core.config.StewardSettings;
import dev.steward.core.config.StewardSettingsReader;
import dev.steward.core.plugin.DiscoveredPlugin;
import dev.steward.core.plugin.PluginCatalog;
import dev.steward.core.plugin.PluginLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads configuration and finds plugins, in the only order that works: core's defaults tell where
 * plugins live, and plugins' defaults tell which keys exist.
 */
public final class Bootstrap {
    private static final String CORE_MODULE = "dev.steward.core";

    private Bootstrap() {}

    /**
     * @param configFile the user's file
     * @param required whether a missing file is an error (it was named on the command line)
     * @throws InvalidConfigException listing every unknown key and bad core value
     */
    public static Bootstrapped load(Path home, Path configFile, boolean required) {
        return load(home, configFile, required, ConfigFactory.empty());
    }

    /**
     * @param overrides settings the command imposes over the user's file
     * @throws InvalidConfigException listing every unknown key and bad core value
     */
    public static Bootstrapped load(Path home, Path configFile, boolean required, Config overrides) {
        requireNonNull(home, "home is null");
        requireNonNull(configFile, "configFile is null");
        ReferenceConfig core = coreReference();
        PluginCatalog catalog = discover(home, configFile, required);
        LoadedConfig loaded = ConfigLoader.load(home, configFile, required, references(core, catalog), overrides);
        Settings settings = Settings.of(loaded.config().getConfig("steward"), "steward");
        StewardSettings stewardSettings = StewardSettingsReader.read(settings, home);
        List<ConfigProblem> problems = new ArrayList<>(loaded.unknownKeys());
        problems.addAll(settings.problems());
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new Bootstrapped(loaded, catalog, stewardSettings);
    }

    /**
     * Finds the plugins in the configured plugins folder. Reads only core's keys, so it works while
     * a plugin's settings are still wrong.
     */
    public static PluginCatalog discover(Path home, Path configFile, boolean required) {
        LoadedConfig coreOnly = ConfigLoader.load(home, configFile, required, List.of(coreReference()));
        Settings settings = Settings.of(coreOnly.config().getConfig("steward"), "steward");
        Path plugins = home.resolve(settings.string("plugins-dir")).normalize();
        settings.validate();
        return PluginLoader.load(plugins);
    }

    private static List<ReferenceConfig> references(ReferenceConfig core, PluginCatalog catalog) {
        Map<String, ReferenceConfig> byModule = new LinkedHashMap<>();
        byModule.put(core.owner(), core);
        for (DiscoveredPlugin plugin : catalog.plugins()) {
            plugin.reference().ifPresent(reference ->
                    byModule.putIfAbsent(plugin.module(), new ReferenceConfig(plugin.module(), reference)));
        }
        return List.copyOf(byModule.values());
    }

    private static ReferenceConfig coreReference() {
        Module core = Bootstrap.class.getModule();
        // On the class path (the bench module's scenario runners load core there) the module has no name.
        String owner = core.isNamed() ? core.getName() : CORE_MODULE;
        try (InputStream stream = core.getResourceAsStream("reference.conf")) {
            if (stream == null) {
                throw new IllegalStateException(CORE_MODULE + " ships no reference.conf; the build is broken");
            }
            try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                Config config = ConfigFactory.parseReader(reader,
                        ConfigParseOptions.defaults().setOriginDescription(CORE_MODULE + "/reference.conf"));
                return new ReferenceConfig(owner, config);
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
