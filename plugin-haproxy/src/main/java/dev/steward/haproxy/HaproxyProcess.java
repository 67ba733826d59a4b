package dev.steward.haproxy;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HAProxy process and its output files. Signalled through its {@link ProcessHandle}, as any process
 * found by its pid could be; only its exit and exit status come from the {@link Process} of a child
 * Steward spawned, whose exit is known only once the JDK has collected the status.
 */
final class HaproxyProcess {
    private final long spawn;
    private final Process child;
    private final ProcessHandle handle;
    private final CompletableFuture<Void> exit;
    private final Path stdout;
    private final Path stderr;

    private HaproxyProcess(long spawn, Process child, Path stdout, Path stderr) {
        this.spawn = spawn;
        this.child = child;
        this.handle = child.toHandle();
        this.exit = child.onExit().thenApply(exited -> null);
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * A process Steward spawned.
     *
     * @param spawn its number in the spawn counter, also in its file names
     */
    static HaproxyProcess spawned(long spawn, Process child, Path stdout, Path stderr) {
        requireNonNull(child, "child is null");
        requireNonNull(stdout, "stdout is null");
        requireNonNull(stderr, "stderr is null");
        return new HaproxyProcess(spawn, child, stdout, stderr);
    }

    long spawn() {
        return spawn;
    }

    long pid() {
        return handle.pid();
    }

    Path stdout() {
        return stdout;
    }

    Path stderr() {
        return stderr;
    }

    boolean isAlive() {
        return !exit.isDone();
    }

    /** Completes when the process has exited. */
    CompletableFuture<Void> onExit() {
        return exit.copy();
    }

    /** @return whether the process exited within {@code bound} */
    boolean awaitExit(Duration bound) {
        requireNonNull(bound, "bound is null");
        try {
            exit.get(bound.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (ExecutionException impossible) {
            return !isAlive();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return !isAlive();
        }
    }

    /** {@code "exited with status 137"}; call once the process has exited. */
    String exitDescription() {
        return exit.isDone() ? "exited with status " + child.exitValue() : "is still running";
    }

    /** SIGTERM: HAProxy closes everything at once. */
    void terminate() {
        handle.destroy();
    }

    /** SIGKILL. */
    void kill() {
        handle.destroyForcibly();
    }

    String describe() {
        return "HAProxy spawn " + spawn + " (pid " + pid() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
