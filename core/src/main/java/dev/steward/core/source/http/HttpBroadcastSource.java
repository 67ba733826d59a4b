package dev.steward.core.source.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.BroadcastSink;
import dev.steward.api.BroadcastSource;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.core.http.Route;
import dev.steward.core.http.RouteContributor;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code http} broadcast source: routing state sent to the API's PUT and DELETE routes. Each
 * broadcast is in its journal before the engine hears of it, and the engine's answer (a revision, or
 * a refusal) is the caller's; at start it delivers again what it had delivered before the stop.
 */
public final class HttpBroadcastSource implements BroadcastSource, RouteContributor {
    private static final Logger LOG = LoggerFactory.getLogger(HttpBroadcastSource.class);

    private final Path journalFile;
    private final long minCompaction;
    private HttpSourceJournal journal;
    private BroadcastSink sink;

    /** @param journalFile its journal, created at the first start */
    public HttpBroadcastSource(Path journalFile) {
        this(journalFile, HttpSourceJournal.MIN_COMPACTION_BYTES);
    }

    /** @param minCompaction the size below which the journal is never compacted */
    HttpBroadcastSource(Path journalFile, long minCompaction) {
        this.journalFile = requireNonNull(journalFile, "journalFile is null");
        this.minCompaction = minCompaction;
    }

    /**
     * Reads the journal and delivers what it holds.
     *
     * @throws HttpJournalException when the journal exists but cannot be read: a daemon must not start by
     *     forgetting routes and removals it confirmed
     */
    @Override
    public synchronized void start(BroadcastSink target) {
        requireNonNull(target, "target is null");
        if (sink != null) {
            throw new IllegalStateException("the http source is already started");
        }
        HttpSourceJournal opened = HttpSourceJournal.open(journalFile, minCompaction);
        try {
            JournalReplay.deliver(opened.state(), target, journalFile);
        } catch (RuntimeException undelivered) {
            opened.close();
            throw undelivered;
        }
        journal = opened;
        sink = target;
    }

    @Override
    public List<Route> routes() {
        return RoutingEndpoints.routes(this);
    }

    /**
     * Journals {@code broadcast}, then has the engine accept it; what the engine refuses is taken back
     * out of the journal, so that it does not come back at the next start.
     *
     * @return the revision that includes it
     * @throws HttpJournalException when it cannot be journaled: nothing is accepted
     * @throws RuntimeException what the engine throws when it refuses it
     */
    synchronized long deliver(Broadcast broadcast) {
        requireStarted();
        long offset = journal.write(broadcast);
        long revision;
        try {
            revision = sink.accept(List.of(broadcast));
        } catch (RuntimeException refused) {
            try {
                journal.takeBack(offset);
            } catch (HttpJournalException unwritable) {
                LOG.error("{}", unwritable.getMessage());
                refused.addSuppressed(unwritable);
            }
            throw refused;
        }
        journal.accepted(broadcast);
        return revision;
    }

    synchronized void reject(BroadcastKind kind, InvalidBroadcastException problem) {
        requireStarted();
        sink.reject(kind, problem);
    }

    @Override
    public synchronized void close() {
        if (journal != null) {
            journal.close();
        }
    }

    private void requireStarted() {
        if (sink == null) {
            throw new IllegalStateException("the http source is not started");
        }
    }
}
