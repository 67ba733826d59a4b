package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.haproxy.runtime.HaproxyException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HAProxy executable, for its short runs: the version and configuration checks. Their output
 * goes to a file like every HAProxy process's, never to a pipe.
 */
public final class HaproxyBinary {
    static final String SETTING = "steward.haproxy.binary";

    private static final Pattern VERSION = Pattern.compile("HA-?Proxy version (\\S+)");

    private final Path path;
    private final Path workDirectory;
    private final Duration timeout;

    private HaproxyBinary(Path path, Path workDirectory, Duration timeout) {
        this.path = path;
        this.workDirectory = workDirectory;
        this.timeout = timeout;
    }

    /**
     * Finds the executable: a path (relative to {@code home}) when the setting holds a slash, else a
     * name on PATH.
     *
     * @throws HaproxyException naming {@value #SETTING} when there is no such executable
     */
    public static HaproxyBinary locate(String binary, Path home, Path workDirectory, Duration timeout) {
        requireNonNull(binary, "binary is null");
        requireNonNull(home, "home is null");
        requireNonNull(workDirectory, "workDirectory is null");
        requireNonNull(timeout, "timeout is null");
        Optional<Path> found = binary.indexOf('/') >= 0
                ? Optional.of(home.resolve(binary).toAbsolutePath().normalize()).filter(Files::isExecutable)
                : onPath(binary);
        return new HaproxyBinary(found.orElseThrow(() -> new HaproxyException("HAProxy not found: " + SETTING + " is \""
                + binary + "\", which is not an executable " + (binary.indexOf('/') >= 0 ? "file" : "on PATH")
                + ". Install HAProxy (apt-get install haproxy) or point " + SETTING + " (or STEWARD_HAPROXY_BINARY) at it.")),
                workDirectory, timeout);
    }

    public Path path() {
        return path;
    }

    /** {@code HAProxy 2.6.12-1+deb12u4 (/usr/sbin/haproxy)}. */
    public String describe() {
        return "HAProxy " + version() + " (" + path + ")";
    }

    /**
     * The version it reports.
     *
     * @throws HaproxyException when it prints none, or one older than {@link HaproxyVersion#MINIMUM}
     */
    public HaproxyVersion version() {
        Run run = run(List.of("-v"));
        Matcher printed = VERSION.matcher(run.output());
        Optional<HaproxyVersion> version = run.exitCode() == 0 && printed.find()
                ? HaproxyVersion.parse(printed.group(1))
                : Optional.empty();
        HaproxyVersion found = version.orElseThrow(() -> new HaproxyException(path + " -v (" + SETTING
                + ") did not print an HAProxy version: " + run.output().strip()));
        if (!found.supported()) {
            throw new HaproxyException("HAProxy " + found + " found at " + path + " (" + SETTING + "); Steward needs HAProxy "
                    + HaproxyVersion.MINIMUM + " or newer (runtime maps, servers added at runtime). Install a newer one, such"
                    + " as Debian 12's haproxy (2.6) or Debian 13's (3.0), or point " + SETTING + " at it.");
        }
        return found;
    }

    /**
     * Checks a configuration file with {@code haproxy -c}.
     *
     * @throws ApplyException with HAProxy's own message when it rejects the file
     */
    public void check(Path config) {
        requireNonNull(config, "config is null");
        Run run = run(List.of("-c", "-f", config.toString()));
        if (run.exitCode() != 0) {
            String message = run.output().lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("[NOTICE]"))
                    .collect(Collectors.joining("\n"));
            throw new ApplyException(ApplyMode.RELOAD, "HAProxy rejected the configuration (exit " + run.exitCode() + "):\n" + message);
        }
    }

    private Run run(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(path.toString());
        command.addAll(arguments);
        Path output = null;
        try {
            output = Files.createTempFile(workDirectory, "haproxy-run.", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectInput(HaproxyLauncher.NO_INPUT)
                    .redirectOutput(output.toFile())
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new HaproxyException("expected " + String.join(" ", command) + " to finish within " + timeout.toMillis()
                        + " ms (steward.haproxy.config-check-timeout), found it still running and stopped it; a very large"
                        + " configuration or a busy machine needs a longer timeout");
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException problem) {
            throw new HaproxyException("cannot run " + String.join(" ", command) + " (" + SETTING + "): " + problem.getMessage(),
                    problem);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new HaproxyException("interrupted while running " + String.join(" ", command), interrupted);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // A leftover temporary file in the plugin's own directory harms nothing.
                }
            }
        }
    }

    private static Optional<Path> onPath(String name) {
        String searchPath = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private record Run(int exitCode, String output) {}
}
