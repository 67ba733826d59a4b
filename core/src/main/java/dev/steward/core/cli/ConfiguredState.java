package dev.steward.core.cli;

import dev.steward.api.model.RoutingDocument;
import dev.steward.api.model.RoutingDocumentParser;
import dev.steward.api.model.RoutingState;
import dev.steward.core.daemon.Bootstrapped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The routing state a command works on: a file named with {@code --state}, or the file source's file. */
final class ConfiguredState {
    private static final String FILE_SOURCE = "file";

    private ConfiguredState() {}

    /** The file the state comes from; empty when there is none (no --state and no file source). */
    static Optional<Path> file(Bootstrapped bootstrapped, Optional<Path> explicit) {
        if (explicit.isPresent()) {
            return explicit;
        }
        if (!bootstrapped.settings().broadcastSources().contains(FILE_SOURCE)) {
            return Optional.empty();
        }
        String path = bootstrapped.config().config().getString("steward.sources.file.path");
        return Optional.of(bootstrapped.config().home().resolve(path).normalize());
    }

    /**
     * @throws dev.steward.api.model.InvalidBroadcastException naming file:line and the field
     */
    static RoutingState read(Path file, Path home) {
        String display = file.startsWith(home) ? home.relativize(file).toString() : file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the routing state file " + display, unreadable);
        }
        RoutingDocument document = RoutingDocumentParser.parse(text, display);
        return new RoutingState(1, document.targetGroups(), document.fallbackTargets());
    }
}
