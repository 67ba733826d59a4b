package dev.steward.haproxy.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/** How Steward knows the configuration a serving process runs. */
public sealed interface Configuration {
    Configuration RENDERED = new Rendered();

    /** Steward rendered it from the state and plan the process serves, and kept it so through the runtime API. */
    record Rendered() implements Configuration {}

    /**
     * Taken over from an earlier Steward: only the file the process started on says what it runs.
     *
     * @param file that file
     * @param text its content; empty when it is missing or empty
     */
    record Adopted(Path file, Optional<String> text) implements Configuration {
        public Adopted {
            requireNonNull(file, "file is null");
            requireNonNull(text, "text is null");
        }
    }
}
