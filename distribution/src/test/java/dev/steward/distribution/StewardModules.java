package dev.steward.distribution;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/** The descriptors of Steward's modules on this test's class path, read from their module-info.class. */
final class StewardModules {
    private StewardModules() {}

    /** By module name; modules without a descriptor (testkit, bench) are not among them. */
    static Map<String, ModuleDescriptor> onTheClassPath() {
        Map<String, ModuleDescriptor> modules = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            descriptor(Path.of(entry)).filter(module -> module.name().startsWith("dev.steward."))
                    .ifPresent(module -> modules.put(module.name(), module));
        }
        return modules;
    }

    private static Optional<ModuleDescriptor> descriptor(Path entry) {
        try {
            if (Files.isDirectory(entry)) {
                Path file = entry.resolve("module-info.class");
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return Optional.of(ModuleDescriptor.read(in));
                }
            }
            if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
                return Optional.empty();
            }
            try (JarFile jar = new JarFile(entry.toFile())) {
                ZipEntry file = jar.getEntry("module-info.class");
                if (file == null) {
                    return Optional.empty();
                }
                try (InputStream in = jar.getInputStream(file)) {
                    return Optional.of(ModuleDescriptor.read(in));
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the module descriptor of " + entry, unreadable);
        }
    }
}
