package dev.steward.distribution;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A private copy of the built distribution ({@code target/steward}), so that a test can drop files into
 * {@code lib/} or write {@code data/} without touching the build's output. Running from a copy also
 * shows that the distribution does not depend on where it was built.
 */
final class Distribution {
    /** Where the build put the distribution; failsafe passes it in. */
    static final Path BUILT = Path.of(requireNonNull(System.getProperty("steward.distribution"),
            "system property steward.distribution is not set; run the tests with ./mvnw verify"));

    private final Path home;

    private Distribution(Path home) {
        this.home = home;
    }

    /** Copies the built distribution to {@code directory/steward}. */
    static Distribution copyInto(Path directory) {
        Path home = directory.resolve("steward");
        try (Stream<Path> files = Files.walk(BUILT)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = home.resolve(BUILT.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot copy " + BUILT + " to " + home, failed);
        }
        return new Distribution(home);
    }

    Path home() {
        return home;
    }

    Path launcher() {
        return home.resolve("bin/steward");
    }

    Path lib() {
        return home.resolve("lib");
    }

    static String version() {
        return requireNonNull(System.getProperty("steward.version"), "system property steward.version is not set");
    }
}
