package dev.steward.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An old proxy process that finishes its connections after a reload. It routes with a frozen view:
 * the revision it served when it was replaced.
 */
public record RetiringProcess(long pid, long revision, Instant since) {
    public RetiringProcess {
        requireNonNull(since, "since is null");
    }
}
