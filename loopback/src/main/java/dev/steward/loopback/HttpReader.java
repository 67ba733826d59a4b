package dev.steward.loopback;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads HTTP/1.x messages off one connection, as much of HTTP/1.1 as a replica and a load client need:
 * heads, and bodies framed by a length, by chunks or by the end of the connection.
 */
final class HttpReader {
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    private final InputStream in;

    /** @param in a buffered stream: the reader takes one byte at a time */
    HttpReader(InputStream in) {
        this.in = requireNonNull(in, "in is null");
    }

    /**
     * The next message's head.
     *
     * @throws ClosedBeforeMessage when the peer closed or reset the connection before its first byte
     */
    HttpHead head() throws IOException {
        String startLine = firstLine();
        Map<String, String> headers = new HashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            if (headers.size() >= MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("not a header line: " + line);
            }
            headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                    (first, second) -> first + ", " + second);
        }
        return new HttpHead(startLine, headers);
    }

    /**
     * The body that follows {@code head}. A request without a length has none; a response without one
     * lasts until the connection closes.
     *
     * @throws IOException when the body is cut short
     */
    byte[] body(HttpHead head, boolean response) throws IOException {
        if (head.chunked()) {
            return chunks();
        }
        OptionalLong length = head.contentLength();
        if (length.isPresent()) {
            return exactly(length.getAsLong());
        }
        return response ? in.readAllBytes() : new byte[0];
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int extension = size.indexOf(';');
            long length;
            try {
                length = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
            } catch (NumberFormatException notASize) {
                throw new IOException("not a chunk size: " + size, notASize);
            }
            if (length == 0) {
                skipTrailers();
                return body.toByteArray();
            }
            body.write(exactly(length));
            if (!line().isEmpty()) {
                throw new IOException("a chunk longer than its size " + length);
            }
        }
    }

    /** Trailers, if any, up to the blank line that ends a chunked body. */
    private void skipTrailers() throws IOException {
        String trailer;
        do {
            trailer = line();
        } while (!trailer.isEmpty());
    }

    private byte[] exactly(long length) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IOException("a body of " + length + " bytes");
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new IOException("the body was cut after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    private String firstLine() throws IOException {
        int first;
        try {
            first = in.read();
        } catch (SocketException reset) {
            throw new ClosedBeforeMessage();
        }
        if (first < 0) {
            throw new ClosedBeforeMessage();
        }
        return first == '\n' ? "" : line(first);
    }

    private String line() throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new IOException("the message was cut at the start of a line");
        }
        return first == '\n' ? "" : line(first);
    }

    /** The rest of a line that starts with {@code first}, without its CR LF. */
    private String line(int first) throws IOException {
        StringBuilder line = new StringBuilder().append((char) first);
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the message was cut after \"" + line + "\"");
            }
            if (next == '\n') {
                int end = line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                return line.substring(0, end);
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("a line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) next);
        }
    }

    /** The peer closed the connection, or reset it, before a byte of the next message. */
    static final class ClosedBeforeMessage extends IOException {
        ClosedBeforeMessage() {
            super("closed before a message");
        }
    }
}
