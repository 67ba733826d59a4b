package dev.steward.core.plugin;

import static java.util.Objects.requireNonNull;

/** A jar, folder or provider that could not be loaded, and why; it was skipped. */
public record PluginProblem(String file, String reason) {
    public PluginProblem {
        requireNonNull(file, "file is null");
        requireNonNull(reason, "reason is null");
    }

    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
