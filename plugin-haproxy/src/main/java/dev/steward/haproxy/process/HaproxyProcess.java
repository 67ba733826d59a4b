package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One HAProxy process and its output files, signalled through its {@link ProcessHandle}. A process
 * Steward spawned reports its exit and exit status through its {@link Process}; one an earlier Steward
 * spawned and this one adopted is not its child, so its exit is learnt by polling and its status is unknown.
 */
public final class HaproxyProcess {
    private final long spawn;
    private final ProcessHandle handle;
    private final CompletableFuture<Void> exit;
    private final Supplier<String> exitStatus;
    private final boolean adopted;
    private final Path stdout;
    private final Path stderr;

    private HaproxyProcess(long spawn, ProcessHandle handle, CompletableFuture<Void> exit, Supplier<String> exitStatus,
            boolean adopted, Path stdout, Path stderr) {
        this.spawn = spawn;
        this.handle = handle;
        this.exit = exit;
        this.exitStatus = exitStatus;
        this.adopted = adopted;
        this.stdout = requireNonNull(stdout, "stdout is null");
        this.stderr = requireNonNull(stderr, "stderr is null");
    }

    /**
     * A process Steward spawned.
     *
     * @param spawn its number in the spawn counter, also in its file names
     */
    static HaproxyProcess spawned(long spawn, Process child, Path stdout, Path stderr) {
        requireNonNull(child, "child is null");
        return new HaproxyProcess(spawn, child.toHandle(), child.onExit().thenApply(exited -> null),
                () -> "exited with status " + child.exitValue(), false, stdout, stderr);
    }

    /**
     * A process an earlier Steward spawned, taken over by this one.
     *
     * @param exit completes when the process has exited (see {@link ExitPoller})
     */
    static HaproxyProcess adopted(long spawn, ProcessHandle handle, CompletableFuture<Void> exit, Path stdout, Path stderr) {
        requireNonNull(handle, "handle is null");
        requireNonNull(exit, "exit is null");
        return new HaproxyProcess(spawn, handle, exit,
                () -> "exited (its status went to the Steward that started it, not to this one)", true, stdout, stderr);
    }

    public long spawn() {
        return spawn;
    }

    public long pid() {
        return handle.pid();
    }

    /** When the operating system started it: with the pid, what tells this process from a later one with its pid. */
    Optional<Instant> started() {
        return handle.info().startInstant();
    }

    /** Whether an earlier Steward started it. */
    boolean adopted() {
        return adopted;
    }

    Path stdout() {
        return stdout;
    }

    public Path stderr() {
        return stderr;
    }

    public boolean isAlive() {
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
    public String exitDescription() {
        return exit.isDone() ? exitStatus.get() : "is still running";
    }

    /** SIGTERM: HAProxy closes everything at once. */
    void terminate() {
        handle.destroy();
    }

    /** SIGKILL. */
    void kill() {
        handle.destroyForcibly();
    }

    public String describe() {
        return "HAProxy spawn " + spawn + " (pid " + pid() + (adopted ? ", adopted" : "") + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
