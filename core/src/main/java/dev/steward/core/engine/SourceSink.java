package dev.steward.core.engine;

import dev.steward.api.BroadcastSink;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.InvalidBroadcastException;

/**
 * The engine's sink for one source. A built-in source that knows which kind it was sent, such as the
 * HTTP endpoint for target groups, reports a rejection under that kind even when the input was too
 * broken to name a field of it.
 */
public interface SourceSink extends BroadcastSink {
    void reject(BroadcastKind kind, InvalidBroadcastException problem);
}
