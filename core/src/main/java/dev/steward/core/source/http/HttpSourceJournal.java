package dev.steward.core.source.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.Broadcast;
import dev.steward.core.storage.AppendOnlyJournal;
import dev.steward.core.storage.JournalException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the {@code http} source durable: each broadcast is appended to a journal, as what it changed,
 * and on disk before the engine hears of it, so a 202 survives a crash of Steward; at start the
 * journal is read back into what the source had delivered. Without it a removal accepted just before a
 * crash would be forgotten, HAProxy would route to the removed replica again, and a port released
 * after it could reach another deployment.
 *
 * <p>The journal is compacted into the fewest records that give the same state at open, when it
 * holds more, and whenever it has grown to twice its size after the last compaction: what is written
 * per PUT grows with the change, and the file stays within a small multiple of the state.
 */
final class HttpSourceJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSourceJournal.class);
    /** Below this a journal is never compacted: rewriting it would cost more than reading it. */
    static final long MIN_COMPACTION_BYTES = 1 << 20;
    private static final String ADVICE = "; restore it from a backup, or remove it and have the controller send its"
            + " state again";

    private final AppendOnlyJournal journal;
    private final long minCompaction;
    private HttpSourceState state;
    private long compactedSize;

    private HttpSourceJournal(AppendOnlyJournal journal, long minCompaction, HttpSourceState state) {
        this.journal = journal;
        this.minCompaction = minCompaction;
        this.state = state;
        this.compactedSize = journal.size();
    }

    /**
     * Reads the journal, creating it when there is none. A torn or corrupt tail is reported in the log
     * and cut off; every record before it is kept.
     *
     * @param minCompaction the size below which it is never compacted
     * @throws HttpJournalException when it cannot be read, or holds a whole record that is not one of ours
     */
    static HttpSourceJournal open(Path file, long minCompaction) {
        requireNonNull(file, "file is null");
        Folding folding = new Folding();
        AppendOnlyJournal journal;
        try {
            journal = AppendOnlyJournal.open(file, folding);
        } catch (JournalException unreadable) {
            throw new HttpJournalException("the http source's journal cannot be read: " + unreadable.getMessage() + ADVICE,
                    unreadable);
        }
        HttpSourceJournal opened = new HttpSourceJournal(journal, minCompaction, folding.state);
        if (folding.records > folding.state.broadcasts().size() && journal.size() > minCompaction) {
            opened.compactQuietly();
        }
        return opened;
    }

    /** What the source had delivered, net, as the journal holds it. */
    synchronized HttpSourceState state() {
        return state;
    }

    /**
     * Appends {@code broadcast}, forced to disk.
     *
     * @return where it starts, for {@link #takeBack}
     * @throws HttpJournalException when it cannot be written: nothing is recorded
     */
    synchronized long write(Broadcast broadcast) {
        try {
            return journal.append(JournalRecords.encode(broadcast, state));
        } catch (JournalException unwritable) {
            throw new HttpJournalException(unwritable.getMessage(), unwritable);
        }
    }

    /** Takes back what {@link #write} wrote at {@code offset}: the engine refused it. */
    synchronized void takeBack(long offset) {
        try {
            journal.truncate(offset);
        } catch (JournalException unwritable) {
            throw new HttpJournalException(unwritable.getMessage() + "; the refused broadcast will be delivered again at"
                    + " the next start", unwritable);
        }
    }

    /** The engine accepted what was written last: it is part of the state from now on. */
    synchronized void accepted(Broadcast broadcast) {
        state = state.with(broadcast);
        if (journal.size() > 2 * Math.max(compactedSize, minCompaction)) {
            compactQuietly();
        }
    }

    private void compactQuietly() {
        try {
            compact();
        } catch (JournalException unwritable) {
            // Every record is still on disk: the journal is only larger than it needs to be.
            LOG.warn("{}; the journal keeps growing until a compaction succeeds", unwritable.getMessage());
        }
    }

    private void compact() {
        List<byte[]> records = new ArrayList<>();
        HttpSourceState rebuilt = HttpSourceState.EMPTY;
        for (Broadcast broadcast : state.broadcasts()) {
            records.add(JournalRecords.encode(broadcast, rebuilt));
            rebuilt = rebuilt.with(broadcast);
        }
        long before = journal.size();
        journal.replace(records);
        compactedSize = journal.size();
        LOG.info("journal {} compacted from {} to {} bytes", journal.file(), before, compactedSize);
    }

    @Override
    public synchronized void close() {
        journal.close();
    }

    /** Folds each record read at open into the state. */
    private static final class Folding implements AppendOnlyJournal.RecordReader {
        private HttpSourceState state = HttpSourceState.EMPTY;
        private int records;

        @Override
        public void read(long offset, byte[] record) {
            state = state.with(JournalRecords.decode(record, state));
            records++;
        }
    }
}
