package dev.steward.api;

import dev.steward.api.model.Broadcast;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.source.NotAcceptedException;
import java.util.List;

/** Where a {@link BroadcastSource} delivers what it receives. Never blocks on an apply. */
public interface BroadcastSink {
    /**
     * Accepts broadcasts together, at one new revision.
     *
     * @return the revision at which they were accepted
     * @throws NotAcceptedException when they cannot be recorded: nothing is accepted; deliver them again later
     */
    long accept(List<Broadcast> broadcasts);

    default long accept(Broadcast broadcast) {
        return accept(List.of(broadcast));
    }

    /** Reports input the source refused, so that it is counted and shown in status. */
    void reject(InvalidBroadcastException problem);

    /**
     * Reports input the source refused and knows the kind of, such as a body sent to the route of one
     * kind, counted under that kind even when the input was too broken to name a field of it.
     */
    default void reject(BroadcastKind kind, InvalidBroadcastException problem) {
        reject(problem);
    }
}
