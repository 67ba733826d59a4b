package dev.steward.core.plugin;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.steward.api.CommandProvider;
import dev.steward.api.PluginProvider;
import dev.steward.api.model.ModelRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins: built-in ones in the boot layer, then every jar or sub-folder of the plugins folder
 * in a module layer of its own, so a broken plugin fails alone and the others load.
 */
public final class PluginLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);
    private static final String BUILT_IN = "built-in";
    /** How commands are named in messages and in {@code steward plugins}; not a {@link PluginKind}: a command has no settings. */
    public static final String COMMAND = "command";

    private final List<DiscoveredPlugin> plugins = new ArrayList<>();
    private final List<DiscoveredCommand> commands = new ArrayList<>();
    private final List<PluginProblem> problems = new ArrayList<>();
    private final Map<String, String> fileByKindAndName = new HashMap<>();

    private PluginLoader() {}

    /** Loads the built-in plugins and those in {@code pluginsDirectory}, which need not exist. */
    public static PluginCatalog load(Path pluginsDirectory) {
        requireNonNull(pluginsDirectory, "pluginsDirectory is null");
        PluginLoader loader = new PluginLoader();
        loader.loadLayer(ModuleLayer.boot(), BUILT_IN);
        for (Path candidate : candidates(pluginsDirectory, loader.problems)) {
            loader.loadFile(candidate);
        }
        return new PluginCatalog(loader.plugins, loader.commands, loader.problems);
    }

    private static List<Path> candidates(Path directory, List<PluginProblem> problems) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry) || entry.getFileName().toString().endsWith(".jar")) {
                    candidates.add(entry);
                }
            }
        } catch (IOException unreadable) {
            problems.add(new PluginProblem(directory.toString(), "cannot be listed: " + unreadable.getMessage()));
        }
        candidates.sort(null);
        return candidates;
    }

    private void loadFile(Path file) {
        String displayName = file.toString();
        try {
            ModuleFinder finder = ModuleFinder.of(file);
            Set<String> roots = finder.findAll().stream()
                    .map(reference -> reference.descriptor().name())
                    .collect(Collectors.toCollection(TreeSet::new));
            if (roots.isEmpty()) {
                skip(displayName, "holds no module");
                return;
            }
            ModuleLayer boot = ModuleLayer.boot();
            Configuration configuration = boot.configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
            ModuleLayer.Controller controller =
                    ModuleLayer.defineModulesWithOneLoader(configuration, List.of(boot), ClassLoader.getSystemClassLoader());
            ModuleLayer layer = controller.layer();
            grantNativeAccess(controller, displayName);
            if (loadLayer(layer, displayName) == 0) {
                skip(displayName, "provides no Steward plugin (no ProxyBackendProvider, BroadcastSourceProvider,"
                        + " PortPolicyProvider or CommandProvider in its module-info)");
            }
        } catch (FindException | ResolutionException | LayerInstantiationException | SecurityException broken) {
            skip(displayName, "cannot be loaded: " + broken.getMessage());
        }
    }

    /**
     * Plugins are code the operator installed, as trusted as core: they may call native code (the
     * HAProxy plugin's datagram socket does). Only a module that has native access can pass it on, so
     * the launcher gives it to core.
     */
    private static void grantNativeAccess(ModuleLayer.Controller controller, String file) {
        if (!PluginLoader.class.getModule().isNativeAccessEnabled()) {
            LOG.warn("plugin {} loads without native access: start Steward with --enable-native-access=dev.steward.core"
                    + " (bin/steward does)", file);
            return;
        }
        controller.layer().modules().forEach(controller::enableNativeAccess);
    }

    /** Loads the providers defined in {@code layer} itself, not in its parents; returns how many. */
    private int loadLayer(ModuleLayer layer, String file) {
        int loaded = 0;
        for (PluginKind kind : PluginKind.values()) {
            loaded += loadKind(layer, kind, kind.providerType(), file);
        }
        return loaded + loadCommands(layer, file);
    }

    private int loadCommands(ModuleLayer layer, String file) {
        int loaded = 0;
        for (ServiceLoader.Provider<CommandProvider> provider : providersIn(layer, CommandProvider.class, COMMAND, file)) {
            if (registerCommand(provider, file)) {
                loaded++;
            }
        }
        return loaded;
    }

    private boolean registerCommand(ServiceLoader.Provider<CommandProvider> provider, String file) {
        Optional<CommandProvider> created = instantiate(provider, file);
        if (created.isEmpty()) {
            return false;
        }
        CommandProvider instance = created.get();
        Module module = provider.type().getModule();
        String name = instance.name();
        if (!unique(COMMAND, name, provider.type().getName(), file)) {
            return false;
        }
        commands.add(new DiscoveredCommand(name, module.getName(), version(module), file, instance));
        logLoaded(file, COMMAND, name, module);
        return true;
    }

    /** Records {@code kind/name} as taken by {@code file}; false, with the problem reported, when it cannot be. */
    private boolean unique(String kind, String name, String providerClass, String file) {
        if (name == null || !ModelRules.isName(name)) {
            skip(file, "provider " + providerClass + " has an invalid name " + name);
            return false;
        }
        String earlier = fileByKindAndName.putIfAbsent(kind + "/" + name, file);
        if (earlier != null) {
            skip(file, "its " + kind + " " + name + " duplicates the one from " + earlier);
            return false;
        }
        return true;
    }

    private <P extends PluginProvider<?>> int loadKind(ModuleLayer layer, PluginKind kind, Class<P> type, String file) {
        int loaded = 0;
        for (ServiceLoader.Provider<P> provider : providersIn(layer, type, kind.label(), file)) {
            if (register(kind, provider, file)) {
                loaded++;
            }
        }
        return loaded;
    }

    /** The providers of {@code type} defined in {@code layer} itself, not in its parents; none when they cannot be listed. */
    private <S> List<ServiceLoader.Provider<S>> providersIn(ModuleLayer layer, Class<S> type, String label, String file) {
        try {
            return ServiceLoader.load(layer, type).stream()
                    .filter(provider -> provider.type().getModule().getLayer() == layer)
                    .toList();
        } catch (ServiceConfigurationError broken) {
            skip(file, "declares a " + label + " provider that cannot be used: " + broken.getMessage());
            return List.of();
        }
    }

    private <S> Optional<S> instantiate(ServiceLoader.Provider<S> provider, String file) {
        try {
            return Optional.of(provider.get());
        } catch (ServiceConfigurationError | RuntimeException broken) {
            skip(file, "provider " + provider.type().getName() + " cannot be created: " + broken.getMessage());
            return Optional.empty();
        }
    }

    private boolean register(PluginKind kind, ServiceLoader.Provider<? extends PluginProvider<?>> provider, String file) {
        Optional<? extends PluginProvider<?>> created = instantiate(provider, file);
        if (created.isEmpty()) {
            return false;
        }
        PluginProvider<?> instance = created.get();
        Module module = provider.type().getModule();
        String name = instance.name();
        Optional<Config> reference;
        try {
            reference = reference(module, file);
        } catch (IOException | ConfigException broken) {
            skip(file, "its reference.conf cannot be read: " + broken.getMessage());
            return false;
        }
        if (!unique(kind.label(), name, provider.type().getName(), file)) {
            return false;
        }
        plugins.add(new DiscoveredPlugin(name, kind, module.getName(), version(module), file, instance, reference));
        logLoaded(file, kind.label(), name, module);
        return true;
    }

    private static String version(Module module) {
        return module.getDescriptor().version().map(Object::toString).orElse("unknown");
    }

    private static void logLoaded(String file, String kind, String name, Module module) {
        if (!BUILT_IN.equals(file)) {
            LOG.info("plugin {} loaded from {}: provides {} {} (module {} {})", name, file, kind, name, module.getName(),
                    version(module));
        }
    }

    private static Optional<Config> reference(Module module, String file) throws IOException {
        try (InputStream stream = module.getResourceAsStream("reference.conf")) {
            if (stream == null) {
                return Optional.empty();
            }
            try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                String origin = BUILT_IN.equals(file) ? module.getName() + "/reference.conf" : file + "!/reference.conf";
                return Optional.of(ConfigFactory.parseReader(reader, ConfigParseOptions.defaults().setOriginDescription(origin)));
            }
        }
    }

    private void skip(String file, String reason) {
        LOG.warn("plugin {} skipped: {}", file, reason);
        problems.add(new PluginProblem(file, reason));
    }
}
