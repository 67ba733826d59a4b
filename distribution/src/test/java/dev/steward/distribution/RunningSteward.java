package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/steward run} in the background, stopped the way a user or a service manager stops it
 * (SIGTERM). Its output goes to files. Stopping checks that no HAProxy process it started is left.
 */
final class RunningSteward implements AutoCloseable {
    /** The HAProxy plugin gives its processes up to 30 s (stop-timeout) to finish connections. */
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(45);

    private final Process process;
    private final Path log;
    private final Path scope;
    private final Set<ProcessHandle> seen = new HashSet<>();
    /** Set once Steward ended in a way that leaves HAProxy serving on purpose; the test's cleanup stops it then. */
    private boolean leftHaproxy;

    private RunningSteward(Process process, Path log, Path scope) {
        this.process = process;
        this.log = log;
        this.scope = scope;
    }

    /**
     * Starts {@code steward run --config config}. {@code scope} is the test's own folder: every path
     * the run uses lies in it, which tells this run's HAProxy processes from anyone else's.
     */
    static RunningSteward start(Distribution distribution, Path config, Path scope) {
        try {
            Path stdout = scope.resolve("steward.stdout.txt");
            Path stderr = scope.resolve("steward.stderr.txt");
            ProcessBuilder builder = new ProcessBuilder(distribution.launcher().toString(), "run", "--config",
                    config.toString())
                    .directory(scope.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().clear();
            builder.environment().putAll(Launch.userEnvironment());
            return new RunningSteward(builder.start(), stderr, scope);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot start Steward", failed);
        }
    }

    /** The console log so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Waits until the log holds {@code text}; returns the log. */
    String awaitLog(String text, Duration deadline) {
        return Eventually.await("a log line with \"" + text + "\"", deadline, this::log, seen -> seen.contains(text));
    }

    /** Waits until HAProxy answers {@code route} from {@code replica}; fails at once, with the log, if Steward exits. */
    void awaitServed(Proxy proxy, String route, Replica replica, Duration deadline) {
        String exited = "Steward exited";
        String expected = "200 " + replica.id();
        String answer;
        try {
            answer = Eventually.await(route + " served by " + replica.id(), deadline,
                    () -> isAlive() ? proxy.get(route) : exited,
                    seen -> seen.equals(expected) || seen.equals(exited));
        } catch (AssertionError notServed) {
            throw new AssertionError(notServed.getMessage() + "\nSteward's log:\n" + log(), notServed);
        }
        assertThat(answer).as(() -> "Steward's log:\n" + log()).isEqualTo(expected);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9} of Steward alone: HAProxy is left serving, for the next start to take over. */
    void killStewardOnly() {
        remember();
        leftHaproxy = true;
        process.destroyForcibly();
        waitForExit();
    }

    /** Waits until Steward exits by itself (a {@code steward stop}) and returns its exit status; HAProxy may be left serving. */
    int awaitExit() {
        leftHaproxy = true;
        if (!waitForExit()) {
            fail("Steward did not exit within %s; log:%n%s", STOP_DEADLINE, log());
        }
        return process.exitValue();
    }

    /** Stops, at once, every HAProxy process whose command line names {@code scope}: a test's cleanup. */
    static void stopHaproxyOf(Path scope) {
        ProcessHandle.allProcesses()
                .filter(RunningSteward::isHaproxy)
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(scope.toString())).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    /** The HAProxy processes of this run that are alive now. */
    List<ProcessHandle> haproxyProcesses() {
        remember();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(RunningSteward::isHaproxy)
                .filter(handle -> seen.contains(handle) || mentionsScope(handle))
                .toList();
    }

    /**
     * Kills Steward with SIGKILL, as a crash would: nothing of it runs any more, so nothing is cleaned up
     * or revoked. The HAProxy processes it leaves behind are killed too, to leave nothing running.
     */
    void kill() {
        remember();
        process.destroyForcibly();
        waitForExit();
        haproxyProcesses().forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Stops Steward with SIGTERM and waits for it; then fails if it did not stop in time or left an
     * HAProxy process behind. Whatever happens, nothing this run started is left running.
     */
    @Override
    public void close() {
        if (leftHaproxy) {
            process.destroyForcibly();
            return;
        }
        remember();
        process.destroy();
        boolean stopped = waitForExit();
        List<ProcessHandle> leftovers = haproxyProcesses();
        if (!stopped) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        leftovers.forEach(ProcessHandle::destroyForcibly);
        if (!stopped) {
            fail("Steward did not stop within %s of SIGTERM; log:%n%s", STOP_DEADLINE, log());
        }
        if (!leftovers.isEmpty()) {
            fail("Steward stopped but left HAProxy running: %s; log:%n%s",
                    leftovers.stream().map(RunningSteward::describe).toList(), log());
        }
    }

    private boolean waitForExit() {
        try {
            return process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Remembers Steward's children, so that one that outlives it is still found. */
    private void remember() {
        if (process.isAlive()) {
            process.descendants().forEach(seen::add);
        }
    }

    private boolean mentionsScope(ProcessHandle handle) {
        return handle.info().commandLine().map(line -> line.contains(scope.toString())).orElse(false);
    }

    private static boolean isHaproxy(ProcessHandle handle) {
        return handle.info().command().map(command -> command.endsWith("/haproxy")).orElse(false);
    }

    private static String describe(ProcessHandle handle) {
        return handle.pid() + " " + handle.info().commandLine().orElse("?");
    }
}
