package dev.steward.portquarantine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The port state on disk. Written whole to a temporary file, synced, then moved over the old one,
 * so a crash leaves either the old state or the new one, never a mix.
 */
final class StateFile {
    private final Path file;
    private final Path temporary;
    private final StateParser parser;

    StateFile(Path file, PortRange range) {
        this.file = requireNonNull(file, "file is null").toAbsolutePath();
        this.temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
        this.parser = new StateParser(requireNonNull(range, "range is null"));
    }

    Path path() {
        return file;
    }

    /**
     * The saved state, or an empty one when nothing was saved yet.
     *
     * @throws PortStateFileException when the file exists but cannot be read or is not a valid state
     */
    PortBook load(long nowNanos) {
        String text;
        try {
            text = Files.readString(file, UTF_8);
        } catch (NoSuchFileException absent) {
            return PortBook.EMPTY;
        } catch (CharacterCodingException notText) {
            throw corrupt("the file is not UTF-8 text", notText);
        } catch (IOException failure) {
            throw new PortStateFileException("cannot read the port state " + file + ": " + failure, failure);
        }
        try {
            return parser.parse(text, nowNanos);
        } catch (StateSyntaxException syntax) {
            throw corrupt("line " + syntax.line() + ": " + syntax.reason(), syntax);
        }
    }

    /** @throws PortStateFileException when the state cannot be saved; the file then holds the previous state */
    void save(PortBook book, long nowNanos) {
        byte[] bytes = StateFormat.write(book, nowNanos).getBytes(UTF_8);
        try {
            try (FileChannel channel = FileChannel.open(temporary, CREATE, TRUNCATE_EXISTING, WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, file, ATOMIC_MOVE, REPLACE_EXISTING);
            // The rename is durable only once the directory itself is synced.
            try (FileChannel directory = FileChannel.open(file.getParent(), READ)) {
                directory.force(true);
            }
        } catch (IOException failure) {
            throw new PortStateFileException("cannot save the port state to " + file + ": " + failure, failure);
        }
    }

    private PortStateFileException corrupt(String reason, Exception cause) {
        return new PortStateFileException("the port state " + file + " is corrupt: " + reason
                + ". Steward does not start without it, since an empty state could hand out a port that a proxy"
                + " still routes to: repair the file or restore it from a backup", cause);
    }
}
