package dev.steward.haproxy;

/**
 * Bounds on HAProxy's output files.
 *
 * @param maxSize bytes past which a file is rotated
 * @param keep how many spawns keep their files
 */
record LogLimits(long maxSize, int keep) {
    LogLimits {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be positive, found " + maxSize);
        }
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be positive, found " + keep);
        }
    }
}
