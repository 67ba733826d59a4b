package dev.steward.core.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * A journal file: a header naming the format and its version, then records, each framed by its
 * length and a CRC-32C of that length and the record's bytes (big-endian, four bytes each). The
 * length is inside the checksum, so a damaged length is caught rather than followed.
 */
final class JournalFormat {
    static final byte[] HEADER = "STWJRNL\u0001".getBytes(StandardCharsets.US_ASCII);
    static final int FRAME = 2 * Integer.BYTES;

    private JournalFormat() {}

    static ByteBuffer frame(byte[] record) {
        ByteBuffer frame = ByteBuffer.allocate(FRAME + record.length);
        frame.putInt(record.length).putInt(checksum(record)).put(record);
        return frame.flip();
    }

    static int checksum(byte[] record) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(Integer.BYTES).putInt(record.length).flip());
        crc.update(record);
        return (int) crc.getValue();
    }
}
