package dev.steward.api.config;

import static java.util.Objects.requireNonNull;

/**
 * One bad setting.
 *
 * @param path the full key path, {@code steward.haproxy.bind}
 * @param reason what was expected and what was found
 * @param origin where the value came from, {@code conf/steward.conf:12}; empty if it was absent
 */
public record ConfigProblem(String path, String reason, String origin) {
    public ConfigProblem {
        requireNonNull(path, "path is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(origin, "origin is null");
    }

    @Override
    public String toString() {
        return origin.isEmpty() ? path + ": " + reason : path + " (" + origin + "): " + reason;
    }
}
