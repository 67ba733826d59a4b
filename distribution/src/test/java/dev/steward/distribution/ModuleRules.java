package dev.steward.distribution;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules of the house that live in module-info files, each returning what breaks it (nothing when
 * the module keeps it).
 */
final class ModuleRules {
    /** Steward's modules that are not plugins; every other {@code dev.steward.*} module is one. */
    static final Set<String> NOT_PLUGINS = Set.of("dev.steward.api", "dev.steward.core", "dev.steward.loopback");
    static final String GUICE = "com.google.guice";

    private ModuleRules() {}

    static boolean isPlugin(ModuleDescriptor module) {
        return module.name().startsWith("dev.steward.") && !NOT_PLUGINS.contains(module.name());
    }

    /** A plugin exports nothing: Steward reaches it through its providers only, and no plugin can use another's code. */
    static List<String> pluginExportsNothing(ModuleDescriptor plugin) {
        return plugin.exports().stream()
                .map(export -> plugin.name() + " is a plugin and exports " + export.source()
                        + ": a plugin exports nothing, Steward reaches it through its providers (module-info's provides)")
                .toList();
    }

    /** Every {@code opens} names the module it opens to, and no module is open as a whole. */
    static List<String> opensAreQualified(ModuleDescriptor module) {
        List<String> problems = new ArrayList<>();
        if (module.isOpen()) {
            problems.add(module.name() + " is an open module: open each package to the module that needs it");
        }
        module.opens().stream().filter(opens -> !opens.isQualified())
                .forEach(opens -> problems.add(module.name() + " opens " + opens.source()
                        + " to everyone: name the module that needs it (opens " + opens.source() + " to ...)"));
        return problems;
    }

    /** Guice reflects into {@code daemon} only: {@code module} opens that package, to Guice, and nothing else to Guice. */
    static List<String> opensOnlyTheDaemonToGuice(ModuleDescriptor module, String daemon) {
        List<String> problems = new ArrayList<>();
        module.opens().stream().filter(opens -> opens.targets().contains(GUICE) && !opens.source().equals(daemon))
                .forEach(opens -> problems.add(module.name() + " opens " + opens.source() + " to " + GUICE
                        + ": Guice builds the daemon in " + daemon + " only"));
        return problems;
    }
}
