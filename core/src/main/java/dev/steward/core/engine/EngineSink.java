package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.BroadcastSink;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.InvalidBroadcastException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's sink for one source: what it delivers is counted under the source's name. */
final class EngineSink implements BroadcastSink {
    private static final Logger LOG = LoggerFactory.getLogger(EngineSink.class);

    private final ReloadEngine engine;
    private final EngineStatistics statistics;
    private final String source;

    EngineSink(ReloadEngine engine, EngineStatistics statistics, String source) {
        this.engine = requireNonNull(engine, "engine is null");
        this.statistics = requireNonNull(statistics, "statistics is null");
        this.source = requireNonNull(source, "source is null");
        statistics.source(source);
    }

    @Override
    public long accept(List<Broadcast> broadcasts) {
        return engine.accept(source, broadcasts);
    }

    @Override
    public void reject(InvalidBroadcastException problem) {
        requireNonNull(problem, "problem is null");
        statistics.rejected(source, problem);
        LOG.warn("broadcast from {} rejected: {}", source, problem.getMessage());
    }

    @Override
    public void reject(BroadcastKind kind, InvalidBroadcastException problem) {
        requireNonNull(kind, "kind is null");
        requireNonNull(problem, "problem is null");
        statistics.rejected(source, kind);
        LOG.warn("{} from {} rejected: {}", kind.field(), source, problem.getMessage());
    }
}
