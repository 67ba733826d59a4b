package dev.steward.etcd;

import dev.steward.api.BroadcastSink;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.source.NotAcceptedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers what it accepts from 1, as the engine does, and keeps every acceptance and rejection; can be
 * told to refuse the next deliveries as an engine that cannot record them does.
 */
final class RecordingSink implements BroadcastSink {
    private final List<List<Broadcast>> accepted = new ArrayList<>();
    private final List<InvalidBroadcastException> rejected = new ArrayList<>();
    private int refusalsLeft;
    private int refusals;

    @Override
    public synchronized long accept(List<Broadcast> broadcasts) {
        if (refusalsLeft > 0) {
            refusalsLeft--;
            refusals++;
            throw new NotAcceptedException("disk full", new IOException("No space left on device"));
        }
        accepted.add(List.copyOf(broadcasts));
        return accepted.size();
    }

    @Override
    public synchronized void reject(InvalidBroadcastException problem) {
        rejected.add(problem);
    }

    synchronized void refuseNext(int deliveries) {
        refusalsLeft = deliveries;
    }

    synchronized int refusals() {
        return refusals;
    }

    synchronized List<List<Broadcast>> accepted() {
        return List.copyOf(accepted);
    }

    synchronized List<InvalidBroadcastException> rejected() {
        return List.copyOf(rejected);
    }

    /** The local revision of the newest acceptance; 0 before the first. */
    synchronized long revision() {
        return accepted.size();
    }

    synchronized List<Broadcast> last() {
        return accepted.isEmpty() ? List.of() : accepted.getLast();
    }
}
