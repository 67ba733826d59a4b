package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.haproxy.config.ErrorPages;
import dev.steward.haproxy.output.OutputFiles;
import dev.steward.haproxy.runtime.HaproxyException;
import dev.steward.haproxy.settings.HaproxySettings;
import dev.steward.haproxy.settings.RuntimePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HAProxy made ready to run: found the first time it is needed, once the directories and error pages
 * its configuration names exist. Also what runs without touching a serving process: the version
 * report and the check of a configuration.
 */
public final class Installation {
    private final HaproxySettings settings;
    private final RuntimePaths paths;
    private final Path home;
    private final OutputFiles outputs;
    private HaproxyBinary binary;
    private HaproxyLauncher launcher;

    /** @param home what a relative {@code steward.haproxy.binary} is relative to */
    public Installation(HaproxySettings settings, RuntimePaths paths, Path home, OutputFiles outputs) {
        this.settings = requireNonNull(settings, "settings is null");
        this.paths = requireNonNull(paths, "paths is null");
        this.home = requireNonNull(home, "home is null");
        this.outputs = requireNonNull(outputs, "outputs is null");
    }

    /** @throws HaproxyException naming {@code steward.haproxy.binary} when there is no such executable */
    public synchronized HaproxyBinary binary() {
        if (binary == null) {
            paths.create();
            ErrorPages.writeFiles(paths, settings.gatewayErrorStatus());
            binary = HaproxyBinary.locate(settings.binary(), home, paths.directory(), settings.configCheckTimeout());
        }
        return binary;
    }

    public synchronized HaproxyLauncher launcher() {
        if (launcher == null) {
            launcher = new HaproxyLauncher(binary().path(), paths.adminSocket(), outputs, settings.debugOutput(),
                    settings.socketHandover());
        }
        return launcher;
    }

    /**
     * The executable and its version, then a line for each thing Steward does differently because of that version.
     *
     * @throws ApplyException when HAProxy is missing, prints no version or is older than Steward supports
     */
    public String describe() {
        try {
            HaproxyBinary haproxy = binary();
            StringBuilder lines = new StringBuilder(haproxy.describe());
            haproxy.version().features().forEach(feature -> lines.append("\n  version-dependent: ").append(feature));
            return lines.toString();
        } catch (HaproxyException unusable) {
            throw new ApplyException(ApplyMode.RELOAD, unusable.getMessage(), unusable);
        }
    }

    /**
     * Checks {@code config} with {@code haproxy -c} in a file of its own, never the one a process runs.
     *
     * @throws ApplyException with HAProxy's own message when it rejects the configuration, or when HAProxy cannot be run
     */
    public void verify(String config) {
        requireNonNull(config, "config is null");
        try {
            HaproxyBinary haproxy = binary();
            Path candidate = Files.createTempFile(paths.directory(), "haproxy.verify.", ".cfg");
            try {
                Files.writeString(candidate, config);
                haproxy.check(candidate);
            } finally {
                Files.deleteIfExists(candidate);
            }
        } catch (IOException problem) {
            throw new ApplyException(ApplyMode.RELOAD, "cannot write a configuration to check under " + paths.directory() + ": "
                    + problem.getMessage(), problem);
        } catch (HaproxyException | UncheckedIOException problem) {
            throw new ApplyException(ApplyMode.RELOAD, problem.getMessage(), problem);
        }
    }
}
