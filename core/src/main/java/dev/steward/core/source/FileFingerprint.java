package dev.steward.core.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What identifies one version of a file without reading it: an editor that saves by writing a new
 * file and renaming it over the old one changes the file key (inode), even within the same second.
 */
record FileFingerprint(Object fileKey, long modifiedMillis, long size) {
    boolean modifiedWithin(Duration window) {
        return System.currentTimeMillis() - modifiedMillis < window.toMillis();
    }

    static Optional<FileFingerprint> of(Path path) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return Optional.of(new FileFingerprint(
                    Objects.requireNonNullElse(attributes.fileKey(), ""), attributes.lastModifiedTime().toMillis(),
                    attributes.size()));
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        }
    }
}
