package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a process that is not Steward's child still runs. Its pid alone does not say: the pid may
 * belong to a later process by now, which its start time tells apart, and a process that exited but
 * that its parent has not reaped yet (a zombie) still has its pid.
 */
public final class ProcessLiveness {
    private ProcessLiveness() {}

    /** @param started when the process started, if known; a process with the pid that started at another time is another */
    static boolean alive(ProcessHandle handle, Optional<Instant> started) {
        requireNonNull(handle, "handle is null");
        requireNonNull(started, "started is null");
        if (!handle.isAlive() || isZombie(handle.pid())) {
            return false;
        }
        return started.isEmpty() || handle.info().startInstant().map(started.get()::equals).orElse(true);
    }

    /** Linux's {@code /proc/<pid>/stat}: the state follows the command name in parentheses; Z is a zombie. */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException gone) {
            // No /proc entry: the process is gone, or this is no Linux and isAlive said enough.
            return false;
        }
    }
}
