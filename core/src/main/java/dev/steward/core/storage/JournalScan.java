package dev.steward.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a journal at open: its header, then its records in order, up to the first one that is
 * incomplete or whose checksum does not match. A crash in the middle of an append leaves such a tail,
 * and nothing after it can be framed with confidence, so it is cut off and set aside.
 */
final class JournalScan {
    /**
     * @param end the offset just past the last good record
     * @param problem why the bytes from {@code end} on are not a record; empty when the file ends there
     */
    record Result(long end, int records, Optional<String> problem) {}

    private JournalScan() {}

    static Result scan(FileChannel channel, AppendOnlyJournal.RecordReader reader) throws IOException {
        long size = channel.size();
        long offset = JournalFormat.HEADER.length;
        int records = 0;
        while (offset < size) {
            long remaining = size - offset;
            if (remaining < JournalFormat.FRAME) {
                return new Result(offset, records, Optional.of("torn: " + remaining + " bytes of a " + JournalFormat.FRAME
                        + "-byte record header"));
            }
            ByteBuffer frame = read(channel, offset, JournalFormat.FRAME);
            int length = frame.getInt();
            int checksum = frame.getInt();
            if (length < 0 || length > remaining - JournalFormat.FRAME) {
                return new Result(offset, records, Optional.of("torn or corrupt: it announces " + Integer.toUnsignedString(length)
                        + " bytes and " + (remaining - JournalFormat.FRAME) + " follow"));
            }
            byte[] record = read(channel, offset + JournalFormat.FRAME, length).array();
            if (JournalFormat.checksum(record) != checksum) {
                return new Result(offset, records, Optional.of("corrupt: its checksum does not match its " + length + " bytes"));
            }
            reader.read(offset, record);
            records++;
            offset += JournalFormat.FRAME + length;
        }
        return new Result(offset, records, Optional.empty());
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ended while it was read");
            }
        }
        return buffer.flip();
    }

    static void requireHeader(Path file, FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER.length);
        while (header.hasRemaining()) {
            if (channel.read(header, header.position()) < 0) {
                break;
            }
        }
        if (!Arrays.equals(header.array(), JournalFormat.HEADER)) {
            throw new JournalException("the file " + file + " is not a Steward journal: it does not begin with the"
                    + " journal header; restore it from a backup, or move it away to start an empty one");
        }
    }

    /** The tail is kept beside the file for a person to look at, then cut off so that appends follow good records. */
    static String cutTail(Path file, FileChannel channel, Result scan) throws IOException {
        long tail = channel.size() - scan.end();
        Path aside = file.resolveSibling(file.getFileName() + ".tail-at-" + scan.end());
        try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            long copied = 0;
            while (copied < tail) {
                copied += channel.transferTo(scan.end() + copied, tail - copied, out);
            }
            out.force(true);
        }
        channel.truncate(scan.end());
        channel.force(true);
        return "journal " + file + ": the record at offset " + scan.end() + " is " + scan.problem().orElseThrow() + "; the "
                + scan.records() + " records before it are kept, and the " + tail + " bytes from offset " + scan.end()
                + " on are cut off and set aside in " + aside + " (a crash in the middle of a write leaves such a tail)";
    }
}
