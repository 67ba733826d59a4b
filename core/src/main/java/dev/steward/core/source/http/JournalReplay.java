package dev.steward.core.source.http;

import dev.steward.api.BroadcastSink;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.UnknownGroupException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers at start what the journal says the {@code http} source had delivered before the stop, in
 * one broadcast list when the state the other sources delivered first still takes it. A change of one
 * group sent over another source's groups may not fit them any more (the file was edited while
 * Steward was down): then the whole kinds are delivered, and each such change after them on its own,
 * skipping, with a warning, those that no longer fit.
 */
final class JournalReplay {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    private JournalReplay() {}

    static void deliver(HttpSourceState state, BroadcastSink sink, Path file) {
        List<Broadcast> broadcasts = state.broadcasts();
        if (broadcasts.isEmpty()) {
            return;
        }
        try {
            long revision = sink.accept(broadcasts);
            LOG.info("what was accepted over HTTP before the last stop is delivered again from {} (revision {})", file, revision);
            return;
        } catch (InvalidBroadcastException | UnknownGroupException misfit) {
            LOG.warn("what was accepted over HTTP before the last stop no longer fits the routing state as a whole ({});"
                    + " delivering it change by change", misfit.getMessage());
        }
        if (!state.wholeKinds().isEmpty()) {
            sink.accept(state.wholeKinds());
        }
        for (Broadcast change : state.changes().values()) {
            try {
                sink.accept(List.of(change));
            } catch (InvalidBroadcastException | UnknownGroupException misfit) {
                LOG.warn("a change of one group accepted over HTTP before the last stop is skipped, as the routing state"
                        + " at start does not take it: {}", misfit.getMessage());
            }
        }
    }
}
