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
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the applied state as JSON, the revision reservation as a number in a file beside it
 * ({@code <file>.reserved}) and what the sources had delivered in another ({@code <file>.deliveries}),
 * each replaced atomically: a reservation is written far more often than a large state.
 */
public final class FileAppliedStateStore implements AppliedStateStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileAppliedStateStore.class);
    private static final String REVISION = "revision";

    private final Path file;
    private final Path reservationFile;
    private final Path deliveriesFile;
    private Map<String, String> deliveriesWritten = Map.of();
    private final ObjectMapper json = new ObjectMapper();

    public FileAppliedStateStore(Path file) {
        this.file = requireNonNull(file, "file is null");
        this.reservationFile = file.resolveSibling(file.getFileName() + ".reserved");
        this.deliveriesFile = file.resolveSibling(file.getFileName() + ".deliveries");
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

    /** Unreadable digests are logged and forgotten: every source's first delivery is then news, as before they existed. */
    @Override
    public Map<String, String> deliveries() {
        if (!Files.exists(deliveriesFile)) {
            return Map.of();
        }
        try {
            Map<String, String> digests = new LinkedHashMap<>();
            ConfigFactory.parseString(Files.readString(deliveriesFile, StandardCharsets.UTF_8),
                            ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON).setOriginDescription(deliveriesFile.toString()))
                    .root().unwrapped().forEach((key, digest) -> {
                        if (!(digest instanceof String text)) {
                            throw new ConfigException.Generic("the digest of \"" + key + "\" is not a string");
                        }
                        digests.put(key, text);
                    });
            deliveriesWritten = Map.copyOf(digests);
            return deliveriesWritten;
        } catch (IOException | ConfigException unreadable) {
            LOG.warn("{} is unreadable ({}); each source's first delivery after this start counts as news", deliveriesFile,
                    unreadable.getMessage());
            return Map.of();
        }
    }

    @Override
    public void saveDeliveries(Map<String, String> deliveries) {
        requireNonNull(deliveries, "deliveries is null");
        if (deliveries.equals(deliveriesWritten)) {
            return;
        }
        try {
            AtomicFile.write(deliveriesFile, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(new TreeMap<>(deliveries)));
            deliveriesWritten = Map.copyOf(deliveries);
        } catch (IOException unwritable) {
            throw new StateStoreException("cannot store what the sources delivered in " + deliveriesFile + ": "
                    + unwritable.getMessage(), unwritable);
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
