package dev.steward.api;

/** Pushes routing snapshots into Steward, from a file, an HTTP call, a store. */
public interface BroadcastSource extends AutoCloseable {
    /**
     * Starts delivering. A source that can read its current state at once delivers it before returning,
     * so that the first apply after start serves it.
     */
    void start(BroadcastSink sink);

    /** The proxy now serves {@code revision}; a distributed source may acknowledge it. */
    default void applied(long revision) {}

    @Override
    void close();
}
