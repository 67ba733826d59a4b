package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import dev.steward.haproxy.output.OutputFiles;
import dev.steward.haproxy.runtime.HaproxyException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spawns HAProxy in the foreground with its output appended to files named by the spawn counter:
 * no pipe exists, so HAProxy can never block on a full pipe buffer nobody drains.
 */
public final class HaproxyLauncher {
    private static final Logger log = LoggerFactory.getLogger(HaproxyLauncher.class);
    /** HAProxy reads nothing; a closed or inherited stdin could be a terminal or Steward's own input. */
    public static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new File("/dev/null"));
    /**
     * Runs HAProxy in a session of its own, so a Ctrl-C meant for Steward's terminal does not hard-stop
     * it: Steward stops it gracefully instead. setsid execs in place (Steward's child is no process group
     * leader), so the pid Steward tracks is HAProxy's own, which the takeover check proves.
     */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Path binary;
    private final Path adminSocket;
    private final OutputFiles outputs;
    private final String foreground;
    private final boolean socketHandover;

    /**
     * @param debugOutput whether HAProxy runs in debug mode, writing every request and response to its stdout
     * @param socketHandover whether a replacing process takes the listening sockets over ({@code -x})
     */
    public HaproxyLauncher(Path binary, Path adminSocket, OutputFiles outputs, boolean debugOutput, boolean socketHandover) {
        this.binary = requireNonNull(binary, "binary is null");
        this.adminSocket = requireNonNull(adminSocket, "adminSocket is null");
        this.outputs = requireNonNull(outputs, "outputs is null");
        // -d implies the foreground that -db asks for.
        this.foreground = debugOutput ? "-d" : "-db";
        this.socketHandover = socketHandover;
        if (!Files.isExecutable(SETSID)) {
            log.warn("{} is missing: HAProxy shares Steward's process group, so a Ctrl-C in Steward's terminal"
                    + " hard-stops it too (install util-linux)", SETSID);
        }
    }

    /** Starts HAProxy on {@code config}, binding its listeners itself. */
    public HaproxyProcess start(Path config) {
        requireNonNull(config, "config is null");
        return spawn(List.of(binary.toString(), foreground, "-f", config.toString()));
    }

    /**
     * Starts HAProxy on {@code config} in place of {@code old}: it takes the old process's listening
     * sockets over the admin socket ({@code -x}), so no connection is refused, then tells it to finish
     * its connections and exit ({@code -sf}). Without the hand-over the new process binds the port
     * itself, beside the old one, which closes its listeners when told to finish.
     */
    public HaproxyProcess replace(Path config, HaproxyProcess old) {
        requireNonNull(config, "config is null");
        requireNonNull(old, "old is null");
        List<String> command = new ArrayList<>(List.of(binary.toString(), foreground, "-f", config.toString()));
        if (socketHandover) {
            command.addAll(List.of("-x", adminSocket.toString()));
        }
        command.addAll(List.of("-sf", Long.toString(old.pid())));
        return spawn(command);
    }

    private HaproxyProcess spawn(List<String> haproxy) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(haproxy);
        long spawn = outputs.nextSpawn();
        Path stdout = outputs.stdout(spawn);
        Path stderr = outputs.stderr(spawn);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(NO_INPUT)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                    .start();
            HaproxyProcess started = HaproxyProcess.spawned(spawn, process, stdout, stderr);
            log.info("Spawned {}: {}; stderr {}", started.describe(), String.join(" ", command), stderr);
            return started;
        } catch (IOException problem) {
            throw new HaproxyException("cannot start " + String.join(" ", command) + ": " + problem.getMessage(), problem);
        }
    }
}
