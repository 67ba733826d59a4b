package dev.steward.core.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file of records that only grows, so that what is written per change grows with the change, not
 * with everything recorded before it. Each append is on disk before it returns; a crash in the middle
 * of one leaves a torn tail, which the next {@link #open} reports in the log, naming the file and the
 * offset, sets aside beside the file and cuts off, keeping every record before it. Now and then the
 * owner {@link #replace replaces} the records with fewer that mean the same (compaction), atomically.
 * Safe for concurrent use; one process at a time.
 */
public final class AppendOnlyJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppendOnlyJournal.class);

    private final Path file;
    private final Optional<String> recovery;
    private FileChannel channel;
    private long size;

    /** Hands over one good record at open; a {@link RuntimeException} it throws ends the open. */
    @FunctionalInterface
    public interface RecordReader {
        void read(long offset, byte[] record);
    }

    private AppendOnlyJournal(Path file, FileChannel channel, long size, Optional<String> recovery) {
        this.file = file;
        this.channel = channel;
        this.size = size;
        this.recovery = recovery;
    }

    /**
     * Opens the journal, creating it empty when there is none, and hands each good record to
     * {@code reader}, in the order they were appended.
     *
     * @throws JournalException when the file is not a journal or cannot be read, or when {@code reader}
     *     refuses a record (its exception is the cause and the message names the record's offset)
     */
    public static AppendOnlyJournal open(Path file, RecordReader reader) {
        requireNonNull(file, "file is null");
        requireNonNull(reader, "reader is null");
        try {
            if (!Files.exists(file)) {
                AtomicFile.write(file, JournalFormat.HEADER);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                JournalScan.requireHeader(file, channel);
                JournalScan.Result scan = JournalScan.scan(channel, (offset, record) -> {
                    try {
                        reader.read(offset, record);
                    } catch (RuntimeException refused) {
                        throw new JournalException("the journal " + file + " holds at offset " + offset
                                + " a record that cannot be read: " + refused.getMessage(), refused);
                    }
                });
                Optional<String> recovery = Optional.empty();
                if (scan.problem().isPresent()) {
                    recovery = Optional.of(JournalScan.cutTail(file, channel, scan));
                    LOG.warn("{}", recovery.get());
                }
                return new AppendOnlyJournal(file, channel, scan.end(), recovery);
            } catch (IOException | RuntimeException failed) {
                channel.close();
                throw failed;
            }
        } catch (IOException unreadable) {
            throw new JournalException("cannot open the journal " + file + ": " + unreadable.getMessage(), unreadable);
        }
    }

    /**
     * Appends one record and forces it to disk.
     *
     * @return the offset at which the record starts, for {@link #truncate}
     * @throws JournalException when it cannot be written: the journal is as before
     */
    public synchronized long append(byte[] record) {
        requireNonNull(record, "record is null");
        FileChannel open = requireOpen();
        long start = size;
        ByteBuffer frame = JournalFormat.frame(record);
        try {
            while (frame.hasRemaining()) {
                open.write(frame, start + frame.position());
            }
            open.force(false);
        } catch (IOException unwritable) {
            try {
                open.truncate(start);
            } catch (IOException alsoUnwritable) {
                unwritable.addSuppressed(alsoUnwritable);
            }
            throw new JournalException("cannot append to the journal " + file + ": " + unwritable.getMessage(), unwritable);
        }
        size = start + frame.limit();
        return start;
    }

    /**
     * Takes back every record from {@code offset} on: an append its owner could not follow through.
     *
     * @param offset what {@link #append} returned
     * @throws JournalException when the file cannot be cut
     */
    public synchronized void truncate(long offset) {
        FileChannel open = requireOpen();
        if (offset < JournalFormat.HEADER.length || offset > size) {
            throw new IllegalArgumentException("offset must be between " + JournalFormat.HEADER.length + " and " + size
                    + ", found " + offset);
        }
        try {
            open.truncate(offset);
            open.force(false);
        } catch (IOException unwritable) {
            throw new JournalException("cannot take back the last record of the journal " + file + ": "
                    + unwritable.getMessage(), unwritable);
        }
        size = offset;
    }

    /**
     * Replaces every record with {@code records} at once: a crash leaves the old records or the new,
     * never a mix.
     *
     * @throws JournalException when they cannot be written: the old records stay, unless the new file
     *     was put in place but cannot be opened, after which every call fails
     */
    public synchronized void replace(List<byte[]> records) {
        requireNonNull(records, "records is null");
        FileChannel old = requireOpen();
        Path temporary = file.resolveSibling(file.getFileName() + ".compacting");
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                writeFully(out, ByteBuffer.wrap(JournalFormat.HEADER));
                for (byte[] record : records) {
                    writeFully(out, JournalFormat.frame(record));
                }
                out.force(true);
            }
            AtomicFile.replace(temporary, file);
        } catch (IOException unwritable) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException alsoUnwritable) {
                unwritable.addSuppressed(alsoUnwritable);
            }
            throw new JournalException("cannot compact the journal " + file + ": " + unwritable.getMessage(), unwritable);
        }
        channel = null;
        try {
            old.close();
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            size = channel.size();
        } catch (IOException unopenable) {
            throw new JournalException("the journal " + file + " was compacted but cannot be opened again: "
                    + unopenable.getMessage(), unopenable);
        }
    }

    /** What {@link #open} reported in the log about a torn or corrupt tail it cut off; empty when there was none. */
    public Optional<String> recovery() {
        return recovery;
    }

    /** The file's length in bytes: what compaction would make smaller. */
    public synchronized long size() {
        return size;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Every append was forced already: nothing is lost by a failed close.
        } finally {
            channel = null;
        }
    }

    private FileChannel requireOpen() {
        if (channel == null) {
            throw new JournalException("the journal " + file + " is closed");
        }
        return channel;
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }
}
