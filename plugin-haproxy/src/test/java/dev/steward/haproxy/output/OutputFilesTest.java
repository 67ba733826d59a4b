package dev.steward.haproxy.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.haproxy.settings.LogLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    @TempDir
    Path directory;

    @Test
    void theSpawnCounterContinuesAfterFilesLeftByAnEarlierRun() throws IOException {
        Files.writeString(directory.resolve("haproxy.41.stderr.log"), "old");
        OutputFiles files = new OutputFiles(directory, new LogLimits(4096, 10, 1));

        assertThat(files.nextSpawn()).isEqualTo(42);
        assertThat(files.nextSpawn()).isEqualTo(43);
        assertThat(files.stdout(43)).isEqualTo(directory.resolve("haproxy.43.stdout.log"));
        assertThat(files.stderr(43)).isEqualTo(directory.resolve("haproxy.43.stderr.log"));
    }

    @Test
    void pruningKeepsTheNewestSpawnsAndThoseStillRunning() throws IOException {
        OutputFiles files = new OutputFiles(directory, new LogLimits(4096, 2, 1));
        for (int spawn = 1; spawn <= 5; spawn++) {
            Files.writeString(files.stdout(spawn), "");
            Files.writeString(files.stderr(spawn), "");
        }
        Files.writeString(directory.resolve("haproxy.cfg"), "not an output file");

        files.prune(Set.of(1L));

        assertThat(listing()).containsExactlyInAnyOrder("haproxy.cfg",
                "haproxy.1.stdout.log", "haproxy.1.stderr.log",
                "haproxy.4.stdout.log", "haproxy.4.stderr.log",
                "haproxy.5.stdout.log", "haproxy.5.stderr.log");
    }

    @Test
    void aFileOfARunningProcessPastTheBoundIsRotatedAndStartsAgainEmpty() throws IOException {
        OutputFiles files = new OutputFiles(directory, new LogLimits(4096, 2, 1));
        String big = "x".repeat(5000);
        Files.writeString(files.stderr(1), big);
        Files.writeString(files.stdout(1), "small");
        Files.writeString(files.stderr(2), big);

        files.rotateOversized(Set.of(1L));

        assertThat(Files.size(files.stderr(1))).isZero();
        assertThat(Files.readString(directory.resolve("haproxy.1.stderr.log.1"))).isEqualTo(big);
        assertThat(Files.readString(files.stdout(1))).isEqualTo("small");
        assertThat(Files.size(files.stderr(2))).as("not running: left to pruning").isEqualTo(5000);
    }

    @Test
    void rotationKeepsTheConfiguredNumberOfCopiesNewestFirst() throws IOException {
        OutputFiles files = new OutputFiles(directory, new LogLimits(4096, 2, 2));
        for (String generation : new String[] {"a", "b", "c"}) {
            Files.writeString(files.stdout(1), generation.repeat(5000));
            files.rotateOversized(Set.of(1L));
        }

        assertThat(Files.size(files.stdout(1))).isZero();
        assertThat(Files.readString(directory.resolve("haproxy.1.stdout.log.1"))).isEqualTo("c".repeat(5000));
        assertThat(Files.readString(directory.resolve("haproxy.1.stdout.log.2"))).isEqualTo("b".repeat(5000));
        assertThat(directory.resolve("haproxy.1.stdout.log.3")).doesNotExist();
    }

    @Test
    void withoutRotationsAFileIsTruncatedInPlace() throws IOException {
        OutputFiles files = new OutputFiles(directory, new LogLimits(4096, 2, 0));
        Files.writeString(files.stdout(1), "x".repeat(5000));

        files.rotateOversized(Set.of(1L));

        assertThat(Files.size(files.stdout(1))).isZero();
        assertThat(listing()).containsExactly("haproxy.1.stdout.log");
    }

    @Test
    void pruningDeletesTheRotatedCopiesOfOldSpawns() throws IOException {
        OutputFiles files = new OutputFiles(directory, new LogLimits(4096, 1, 2));
        Files.writeString(directory.resolve("haproxy.1.stdout.log.2"), "old");
        Files.writeString(files.stdout(1), "");
        Files.writeString(files.stdout(2), "");

        files.prune(Set.of());

        assertThat(listing()).containsExactly("haproxy.2.stdout.log");
    }

    @Test
    void theTailIsTheLastWholeLines() throws IOException {
        Path file = directory.resolve("haproxy.1.stderr.log");
        Files.writeString(file, IntStream.rangeClosed(1, 1000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));

        String tail = OutputFiles.tail(file);

        assertThat(tail.lines()).hasSize(20).startsWith("line 981").endsWith("line 1000");
    }

    private Set<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
