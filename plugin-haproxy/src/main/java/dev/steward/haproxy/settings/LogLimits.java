package dev.steward.haproxy.settings;

/**
 * Bounds on HAProxy's output files.
 *
 * @param maxSize bytes past which a file is rotated
 * @param keep how many spawns keep their files
 * @param rotations how many rotated copies a file keeps; 0 truncates it in place
 */
public record LogLimits(long maxSize, int keep, int rotations) {
    public LogLimits {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be positive, found " + maxSize);
        }
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be positive, found " + keep);
        }
        if (rotations < 0) {
            throw new IllegalArgumentException("rotations must not be negative, found " + rotations);
        }
    }
}
