package dev.steward.haproxy.output;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Replaces files so that a reader sees the old content or the new one, never a part. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes beside the target, forces the bytes to disk, then renames over the target. */
    public static void write(Path target, String content) {
        requireNonNull(target, "target is null");
        requireNonNull(content, "content is null");
        Path temporary = null;
        try {
            temporary = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            move(temporary, target);
        } catch (IOException problem) {
            throw new UncheckedIOException("cannot write " + target, problem);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Only left behind when the write already failed; that failure is the one to report.
                }
            }
        }
    }

    public static void move(Path source, Path target) {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException problem) {
            throw new UncheckedIOException("cannot move " + source + " to " + target, problem);
        }
    }
}
