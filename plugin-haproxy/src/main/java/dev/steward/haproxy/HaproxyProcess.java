package dev.steward.haproxy;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * One HAProxy process Steward spawned.
 *
 * @param spawn its number in the spawn counter, also in its file names
 * @param process the process
 * @param stdout the file its standard output goes to
 * @param stderr the file its standard error goes to
 */
record HaproxyProcess(long spawn, Process process, Path stdout, Path stderr) {
    HaproxyProcess {
        requireNonNull(process, "process is null");
        requireNonNull(stdout, "stdout is null");
        requireNonNull(stderr, "stderr is null");
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String describe() {
        return "HAProxy spawn " + spawn + " (pid " + pid() + ")";
    }
}
