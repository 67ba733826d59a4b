package dev.steward.distribution;

import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * A {@code steward.conf} in a folder whose routing state comes from a file beside it, with HAProxy and
 * the API on ports picked free at run time.
 */
record FileRoutedConfig(Path config, Path targets, int proxyPort, int apiPort) {
    FileRoutedConfig {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(targets, "targets");
    }

    static FileRoutedConfig writeInto(Path folder) {
        return writeInto(folder, "");
    }

    /** The same, with {@code more} (HOCON under {@code steward}) added to the settings. */
    static FileRoutedConfig writeInto(Path folder, String more) {
        int proxyPort = FreePort.pick();
        int apiPort = FreePort.pick();
        Path targets = folder.resolve("targets.conf");
        try {
            Path config = Files.writeString(folder.resolve("steward.conf"), """
                    steward {
                      data-dir = "%s"
                      api.bind = "127.0.0.1:%d"
                      sources.file.path = "%s"
                      haproxy.bind = "127.0.0.1:%d"
                      %s
                    }
                    """.formatted(folder.resolve("data"), apiPort, targets, proxyPort, more));
            return new FileRoutedConfig(config, targets, proxyPort, apiPort);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Replaces the routing state file the way many editors do: a new file renamed over the old one. */
    void writeTargets(String content) throws IOException {
        Path next = Files.writeString(targets.resolveSibling("targets.conf.next"), content);
        Files.move(next, targets, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
