package dev.steward.core.source;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param path the routing state file, absolute
 * @param displayPath the path as configured, for messages ({@code conf/targets.conf:14})
 * @param pollInterval how often the file is checked for a change
 */
public record FileSourceSettings(Path path, String displayPath, Duration pollInterval) {
    public FileSourceSettings {
        requireNonNull(path, "path is null");
        requireNonNull(displayPath, "displayPath is null");
        requireNonNull(pollInterval, "pollInterval is null");
    }
}
