package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.source.NotAcceptedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out revisions, each reserved durably before it is handed out: after a crash, a revision a
 * source was promised (a 202 over HTTP) is never promised again for another state. Not thread-safe:
 * the engine calls it under its lock.
 */
final class RevisionLedger {
    private static final Logger LOG = LoggerFactory.getLogger(RevisionLedger.class);
    /**
     * Revisions reserved by one durable write: a crash skips at most this many, and accepting costs
     * one write per this many broadcasts.
     */
    static final long RESERVATION = 10_000;

    private final AppliedStateStore store;
    /** The highest revision handed out; the state's revision unless a crash skipped some. */
    private long issued;
    private long reserved;

    /** @param restored the revision of the restored state */
    RevisionLedger(AppliedStateStore store, long restored) {
        this.store = requireNonNull(store, "store is null");
        // After a crash, revisions up to the reservation may have been handed out and never applied.
        this.issued = Math.max(restored, store.reservedRevision());
        this.reserved = issued;
    }

    /** The revision {@link #next} hands out, without handing it out. */
    long peekNext() {
        return issued + 1;
    }

    /** @throws NotAcceptedException when no revision can be reserved: none is handed out */
    long next() {
        long revision = issued + 1;
        if (revision > reserved) {
            try {
                store.reserveRevisions(issued + RESERVATION);
            } catch (StateStoreException problem) {
                throw new NotAcceptedException(problem.getMessage(), problem);
            }
            reserved = issued + RESERVATION;
        }
        issued = revision;
        return revision;
    }

    /** So that a clean restart continues with the next revision instead of skipping the rest of the reservation. */
    void returnUnused() {
        if (reserved == issued) {
            return;
        }
        try {
            store.reserveRevisions(issued);
            reserved = issued;
        } catch (StateStoreException problem) {
            LOG.warn("the unused revisions above {} stay reserved ({}): the next start continues after {}", issued,
                    problem.getMessage(), reserved);
        }
    }
}
