package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.RoutingDecoder;
import dev.steward.api.model.RoutingEncoder;
import dev.steward.api.model.TargetGroupPut;
import dev.steward.api.model.TargetGroupRemoval;
import dev.steward.api.model.TargetGroups;
import dev.steward.core.engine.SourceSink;
import dev.steward.core.storage.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the {@code http} source durable: a broadcast is written to disk before it is accepted, so a
 * 202 means it survives a restart, and a restarted Steward delivers it again before its first apply.
 * Without it a removal accepted just before a crash would be forgotten, HAProxy would route to the
 * removed replica again, and a port released after it could reach another deployment.
 */
public final class HttpSourceJournal implements SourceSink {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSourceJournal.class);

    private final Path file;
    private final SourceSink sink;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<BroadcastKind, Broadcast> latest = new EnumMap<>(BroadcastKind.class);

    public HttpSourceJournal(Path file, SourceSink sink) {
        this.file = requireNonNull(file, "file is null");
        this.sink = requireNonNull(sink, "sink is null");
    }

    /**
     * Delivers what was accepted over HTTP before the last stop.
     *
     * @throws HttpJournalException when the journal exists but cannot be read
     */
    public synchronized void replay() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            Map<String, Object> tree = ConfigFactory.parseString(Files.readString(file, StandardCharsets.UTF_8),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON).setOriginDescription(file.toString()))
                    .root().unwrapped();
            if (tree.containsKey(BroadcastKind.TARGET_GROUPS.field())) {
                latest.put(BroadcastKind.TARGET_GROUPS, RoutingDecoder.targetGroups(
                        Map.of(BroadcastKind.TARGET_GROUPS.field(), tree.get(BroadcastKind.TARGET_GROUPS.field()))));
            }
            if (tree.containsKey(BroadcastKind.FALLBACK_TARGETS.field())) {
                latest.put(BroadcastKind.FALLBACK_TARGETS, RoutingDecoder.fallbackTargets(
                        Map.of(BroadcastKind.FALLBACK_TARGETS.field(), tree.get(BroadcastKind.FALLBACK_TARGETS.field()))));
            }
        } catch (IOException | ConfigException | InvalidBroadcastException unreadable) {
            throw new HttpJournalException("the http source's journal " + file + " is corrupt: " + unreadable.getMessage()
                    + "; restore it from a backup, or remove it and have the controller send its state again", unreadable);
        }
        if (!latest.isEmpty()) {
            long revision = sink.accept(List.copyOf(latest.values()));
            LOG.info("state accepted over HTTP before the last stop delivered again from {} (revision {})", file, revision);
        }
    }

    /**
     * Writes the broadcasts to disk, then accepts them.
     *
     * @throws HttpJournalException when they cannot be written: nothing is accepted
     */
    @Override
    public synchronized long accept(List<Broadcast> broadcasts) {
        Map<BroadcastKind, Broadcast> next = new EnumMap<>(latest);
        broadcasts.forEach(broadcast -> next.put(broadcast.kind(), broadcast));
        write(next);
        long revision;
        try {
            revision = sink.accept(broadcasts);
        } catch (RuntimeException refused) {
            // What the sink refused must not come back at the next start as if it had been accepted.
            try {
                write(latest);
            } catch (HttpJournalException unwritable) {
                refused.addSuppressed(unwritable);
            }
            throw refused;
        }
        latest.clear();
        latest.putAll(next);
        return revision;
    }

    @Override
    public void reject(InvalidBroadcastException problem) {
        sink.reject(problem);
    }

    @Override
    public void reject(BroadcastKind kind, InvalidBroadcastException problem) {
        sink.reject(kind, problem);
    }

    private void write(Map<BroadcastKind, Broadcast> broadcasts) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Broadcast broadcast : broadcasts.values()) {
            switch (broadcast) {
                case TargetGroups groups -> tree.put(BroadcastKind.TARGET_GROUPS.field(),
                        groups.groups().stream().map(RoutingEncoder::group).toList());
                case FallbackTargets fallback -> tree.put(BroadcastKind.FALLBACK_TARGETS.field(),
                        RoutingEncoder.targets(fallback.targets()));
                case TargetGroupPut put -> throw new IllegalArgumentException("the journal holds whole kinds, not " + put);
                case TargetGroupRemoval removal -> throw new IllegalArgumentException("the journal holds whole kinds, not " + removal);
            }
        }
        try {
            AtomicFile.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("the routing model cannot be encoded", impossible);
        } catch (IOException unwritable) {
            throw new HttpJournalException("cannot write the http source's journal " + file + ": " + unwritable.getMessage(),
                    unwritable);
        }
    }
}
