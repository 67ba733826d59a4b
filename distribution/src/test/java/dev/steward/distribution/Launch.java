package dev.steward.distribution;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a command of the distribution's launcher, to its end. Its output goes to files, never
 * to a pipe that nobody drains.
 *
 * @param exitCode the process's exit status
 * @param stdout what the command printed
 * @param stderr its messages and log lines (the console log goes to stderr)
 */
record Launch(int exitCode, String stdout, String stderr) {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** Runs {@code launcher} with {@code arguments}; output files go to {@code workDirectory}. */
    static Launch run(Path launcher, Path workDirectory, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(arguments));
        try {
            Path stdout = Files.createTempFile(workDirectory, "stdout", ".txt");
            Path stderr = Files.createTempFile(workDirectory, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDirectory.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            try {
                if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                    fail("%s did not end within %s; stderr so far:%n%s", command, DEADLINE, Files.readString(stderr));
                }
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            return new Launch(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot run " + command, failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, interrupted);
        }
    }

    /**
     * The environment of the build, without JAVA_HOME (the launcher must not need it) and without
     * Steward's own variables (a test's configuration must not be overridden from outside).
     */
    static Map<String, String> userEnvironment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.remove("JAVA_HOME");
        environment.keySet().removeIf(name -> name.startsWith("STEWARD_"));
        return environment;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
    }
}
