package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.RoutingDecoder;
import dev.steward.api.model.RoutingDocument;
import dev.steward.api.model.RoutingEncoder;
import dev.steward.api.model.RoutingState;
import dev.steward.core.storage.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Stores the applied state as JSON and the revision reservation as a number in a file beside it
 * ({@code <file>.reserved}), each replaced atomically: a reservation is written far more often than
 * a large state.
 */
public final class FileAppliedStateStore implements AppliedStateStore {
    private static final String REVISION = "revision";

    private final Path file;
    private final Path reservationFile;
    private final ObjectMapper json = new ObjectMapper();

    public FileAppliedStateStore(Path file) {
        this.file = requireNonNull(file, "file is null");
        this.reservationFile = file.resolveSibling(file.getFileName() + ".reserved");
    }

    @Override
    public Optional<RoutingState> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Map<String, Object> tree = new LinkedHashMap<>(ConfigFactory.parseString(text,
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON).setOriginDescription(file.toString()))
                    .root().unwrapped());
            Object revision = tree.remove(REVISION);
            if (!(revision instanceof Number number) || number.longValue() < 0) {
                throw new StateStoreException("the applied state " + file + " is corrupt: \"revision\" must be a"
                        + " non-negative integer, found " + revision + "; restore it from a backup or remove it to"
                        + " start from the sources alone");
            }
            RoutingDocument document = RoutingDecoder.document(tree);
            return Optional.of(new RoutingState(number.longValue(), document.targetGroups(), document.fallbackTargets()));
        } catch (IOException | ConfigException | InvalidBroadcastException unreadable) {
            throw new StateStoreException("the applied state " + file + " is corrupt: " + unreadable.getMessage()
                    + "; restore it from a backup or remove it to start from the sources alone", unreadable);
        }
    }

    @Override
    public void save(RoutingState state) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put(REVISION, state.revision());
        tree.putAll(RoutingEncoder.document(state.targetGroups(), state.fallbackTargets()));
        try {
            AtomicFile.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
        } catch (JsonProcessingException impossible) {
            throw new StateStoreException("cannot encode revision " + state.revision(), impossible);
        } catch (IOException unwritable) {
            throw new StateStoreException("cannot store the applied state in " + file + ": " + unwritable.getMessage(),
                    unwritable);
        }
    }

    @Override
    public long reservedRevision() {
        if (!Files.exists(reservationFile)) {
            return 0;
        }
        String text = "";
        try {
            text = Files.readString(reservationFile, StandardCharsets.UTF_8).strip();
            long revision = Long.parseLong(text);
            if (revision < 0) {
                throw new NumberFormatException();
            }
            return revision;
        } catch (IOException | NumberFormatException unreadable) {
            throw new StateStoreException("the revision reservation " + reservationFile + " is corrupt: expected a"
                    + " non-negative integer, found \"" + text + "\"; write into it a revision at least as high as the last one"
                    + " handed out (revision.received in /v1/status), or remove it to continue from the applied state's"
                    + " revision", unreadable);
        }
    }

    @Override
    public void reserveRevisions(long revision) {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must be >= 0, found " + revision);
        }
        try {
            AtomicFile.write(reservationFile, (revision + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException unwritable) {
            throw new StateStoreException("cannot reserve revisions up to " + revision + " in " + reservationFile + ": "
                    + unwritable.getMessage(), unwritable);
        }
    }
}
