package dev.steward.etcd;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The {@code reference.conf} of the jar or folder a class was loaded from. On the tests' class path
 * every jar has one at the same name, so it is read from the class's own jar.
 */
final class References {
    private References() {}

    static Config of(Class<?> anchor) {
        Path location;
        try {
            location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        ConfigParseOptions origin = ConfigParseOptions.defaults().setOriginDescription(location + "!/reference.conf");
        try {
            if (Files.isDirectory(location)) {
                return ConfigFactory.parseFile(location.resolve("reference.conf").toFile(), origin);
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                ZipEntry entry = jar.getEntry("reference.conf");
                try (InputStream stream = jar.getInputStream(entry);
                        Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                    return ConfigFactory.parseReader(reader, origin);
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
