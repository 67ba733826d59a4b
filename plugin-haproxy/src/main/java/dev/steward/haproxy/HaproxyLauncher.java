package dev.steward.haproxy;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spawns HAProxy in the foreground with its output appended to files named by the spawn counter:
 * no pipe exists, so HAProxy can never block on a full pipe buffer nobody drains.
 */
final class HaproxyLauncher {
    private static final Logger log = LoggerFactory.getLogger(HaproxyLauncher.class);
    private static final File NO_INPUT = new File("/dev/null");

    private final Path binary;
    private final Path adminSocket;
    private final OutputFiles outputs;

    HaproxyLauncher(Path binary, Path adminSocket, OutputFiles outputs) {
        this.binary = requireNonNull(binary, "binary is null");
        this.adminSocket = requireNonNull(adminSocket, "adminSocket is null");
        this.outputs = requireNonNull(outputs, "outputs is null");
    }

    /**
     * Starts HAProxy on {@code config}. When it replaces a process, it takes that process's listening
     * sockets over the admin socket ({@code -x}) and then tells it to finish ({@code -sf}).
     */
    HaproxyProcess start(Path config, Optional<HaproxyProcess> replacing) {
        requireNonNull(config, "config is null");
        requireNonNull(replacing, "replacing is null");
        long spawn = outputs.nextSpawn();
        Path stdout = outputs.stdout(spawn);
        Path stderr = outputs.stderr(spawn);
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-db", "-f", config.toString()));
        replacing.ifPresent(old -> command.addAll(List.of("-x", adminSocket.toString(), "-sf", Long.toString(old.pid()))));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                    .start();
            HaproxyProcess started = new HaproxyProcess(spawn, process, stdout, stderr);
            log.info("Spawned {}: {}; stderr {}", started.describe(), String.join(" ", command), stderr);
            return started;
        } catch (IOException problem) {
            throw new HaproxyException("cannot start " + String.join(" ", command) + ": " + problem.getMessage(), problem);
        }
    }
}
