package dev.steward.haproxy.output;

import static java.util.Objects.requireNonNull;

import dev.steward.haproxy.settings.LogLimits;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * HAProxy's stdout and stderr files, named by a spawn counter that is known before the spawn
 * ({@code haproxy.<n>.stdout.log}, {@code haproxy.<n>.stderr.log}), so that no rename is needed and no
 * pipe ever exists. Bounded in size (rotation into numbered copies, {@code .1} the newest, or truncation
 * in place) and in number (old spawns deleted).
 */
public final class OutputFiles {
    private static final Pattern FILE = Pattern.compile("haproxy\\.(\\d+)\\.(stdout|stderr)\\.log(\\.\\d+)?");
    private static final int TAIL_BYTES = 4096;
    private static final int TAIL_LINES = 20;

    private final Path directory;
    private final LogLimits limits;
    private long lastSpawn = -1;

    public OutputFiles(Path directory, LogLimits limits) {
        this.directory = requireNonNull(directory, "directory is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** The next spawn number; it continues after files left by an earlier Steward, so none is appended to. */
    public synchronized long nextSpawn() {
        if (lastSpawn < 0) {
            lastSpawn = files().keySet().stream().max(Comparator.naturalOrder()).orElse(0L);
        }
        return ++lastSpawn;
    }

    public Path stdout(long spawn) {
        return directory.resolve("haproxy." + spawn + ".stdout.log");
    }

    public Path stderr(long spawn) {
        return directory.resolve("haproxy." + spawn + ".stderr.log");
    }

    /** The last lines of a file, for an error message; a note when it cannot be read. */
    public static String tail(Path file) {
        requireNonNull(file, "file is null");
        try (RandomAccessFile reader = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, reader.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (reader.length() - start)];
            reader.seek(start);
            reader.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            if (start > 0 && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size());
            }
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException problem) {
            return "(" + file + " cannot be read: " + problem.getMessage() + ")";
        }
    }

    /** Deletes the files of all but the newest {@code keep} spawns; files of running processes stay. */
    public void prune(Set<Long> running) {
        requireNonNull(running, "running is null");
        TreeMap<Long, List<Path>> bySpawn = files();
        int kept = 0;
        for (var spawn : bySpawn.descendingMap().entrySet()) {
            if (running.contains(spawn.getKey()) || kept++ < limits.keep()) {
                continue;
            }
            for (Path file : spawn.getValue()) {
                delete(file);
            }
        }
    }

    /**
     * Rotates the files of running processes that grew past the size bound: older copies move up one
     * number, the content moves to a {@code .1} copy, and the file is truncated in place. HAProxy keeps
     * writing, since it appends. Lines written between the copy and the truncation are lost.
     */
    public void rotateOversized(Set<Long> running) {
        requireNonNull(running, "running is null");
        for (long spawn : running) {
            for (Path file : List.of(stdout(spawn), stderr(spawn))) {
                rotateIfOversized(file);
            }
        }
    }

    private void rotateIfOversized(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) <= limits.maxSize()) {
                return;
            }
            if (limits.rotations() > 0) {
                for (int copy = limits.rotations() - 1; copy >= 1; copy--) {
                    Path older = rotated(file, copy);
                    if (Files.exists(older)) {
                        Files.move(older, rotated(file, copy + 1), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.copy(file, rotated(file, 1), StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
        } catch (IOException problem) {
            throw new UncheckedIOException("cannot rotate " + file, problem);
        }
    }

    private static Path rotated(Path file, int copy) {
        return file.resolveSibling(file.getFileName() + "." + copy);
    }

    private TreeMap<Long, List<Path>> files() {
        TreeMap<Long, List<Path>> bySpawn = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return bySpawn;
        }
        try (Stream<Path> listing = Files.list(directory)) {
            listing.forEach(file -> {
                Matcher name = FILE.matcher(file.getFileName().toString());
                if (name.matches()) {
                    bySpawn.computeIfAbsent(Long.parseLong(name.group(1)), spawn -> new ArrayList<>()).add(file);
                }
            });
        } catch (IOException problem) {
            throw new UncheckedIOException("cannot list " + directory, problem);
        }
        return bySpawn;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException problem) {
            throw new UncheckedIOException("cannot delete " + file, problem);
        }
    }
}
