package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * An HAProxy process Steward started, as written down for the next Steward, which may find it still
 * running and take it over.
 *
 * @param role whether it serves or finishes its connections after a reload
 * @param pid its pid
 * @param spawn its number in the spawn counter, also in its output file names
 * @param started when the operating system started it, if known: with the pid, what proves it is this process
 * @param revision the revision it served when written down: the newest it routes by, or older
 * @param since when it took its role
 */
public record RecordedProcess(Role role, long pid, long spawn, Optional<Instant> started, long revision, Instant since) {
    public RecordedProcess {
        requireNonNull(role, "role is null");
        requireNonNull(started, "started is null");
        requireNonNull(since, "since is null");
        if (pid < 1) {
            throw new IllegalArgumentException("pid must be >= 1, found " + pid);
        }
    }

    public enum Role {
        /** Holds the admin socket and takes new connections. */
        SERVING,
        /** Replaced by a reload; finishes its connections with the revision it had. */
        RETIRING
    }

    /** The record of a process as it is now. */
    public static RecordedProcess of(Role role, HaproxyProcess process, long revision, Instant since) {
        requireNonNull(process, "process is null");
        return new RecordedProcess(role, process.pid(), process.spawn(), process.started(), revision, since);
    }
}
