package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import dev.steward.haproxy.output.AtomicFiles;
import dev.steward.haproxy.runtime.HaproxyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The file that names the HAProxy processes Steward started and that may outlive it: the serving one
 * and those still finishing connections. The next Steward takes over only a process named here, so an
 * HAProxy it did not start is never mistaken for its own. One line per process:
 * {@code serving pid=1234 spawn=3 revision=12 started=2026-05-01T10:00:00.12Z since=2026-05-01T10:00:00.5Z}.
 */
public final class ProcessRecords {
    private static final String HEADER = "# Written by Steward: the HAProxy processes it started that may outlive it."
            + " The next start takes them over.\n";
    private static final String UNKNOWN = "unknown";
    private static final List<String> KEYS = List.of("pid", "spawn", "revision", "started", "since");

    private final Path file;

    public ProcessRecords(Path file) {
        this.file = requireNonNull(file, "file is null");
    }

    Path file() {
        return file;
    }

    /**
     * The processes written down; none when there is no file.
     *
     * @throws HaproxyException naming the file and the line when it cannot be read
     */
    List<RecordedProcess> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException absent) {
            return List.of();
        } catch (IOException problem) {
            throw new HaproxyException("cannot read the HAProxy process record " + file + ": " + problem.getMessage(), problem);
        }
        List<RecordedProcess> processes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                processes.add(parse(line, i + 1));
            }
        }
        return List.copyOf(processes);
    }

    /** Replaces the file atomically; an empty list removes it. */
    public void write(List<RecordedProcess> processes) {
        requireNonNull(processes, "processes is null");
        if (processes.isEmpty()) {
            clear();
            return;
        }
        StringBuilder text = new StringBuilder(HEADER);
        for (RecordedProcess process : processes) {
            text.append(process.role().name().toLowerCase(Locale.ROOT))
                    .append(" pid=").append(process.pid())
                    .append(" spawn=").append(process.spawn())
                    .append(" revision=").append(process.revision())
                    .append(" started=").append(process.started().map(Instant::toString).orElse(UNKNOWN))
                    .append(" since=").append(process.since())
                    .append('\n');
        }
        AtomicFiles.write(file, text.toString());
    }

    /** Nothing Steward started runs any more. */
    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException problem) {
            throw new UncheckedIOException("cannot remove the HAProxy process record " + file, problem);
        }
    }

    private RecordedProcess parse(String line, int number) {
        String[] words = line.split(" +");
        Optional<RecordedProcess.Role> role = Optional.empty();
        for (RecordedProcess.Role candidate : RecordedProcess.Role.values()) {
            if (candidate.name().toLowerCase(Locale.ROOT).equals(words[0])) {
                role = Optional.of(candidate);
            }
        }
        if (role.isEmpty()) {
            throw corrupt(number, "\"serving\" or \"retiring\" first", "\"" + words[0] + "\"");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int equals = words[i].indexOf('=');
            if (equals <= 0 || !KEYS.contains(words[i].substring(0, equals))) {
                throw corrupt(number, "key=value with a key among " + KEYS, "\"" + words[i] + "\"");
            }
            fields.put(words[i].substring(0, equals), words[i].substring(equals + 1));
        }
        if (!fields.keySet().containsAll(KEYS)) {
            throw corrupt(number, "every key of " + KEYS, "only " + fields.keySet());
        }
        try {
            String started = fields.get("started");
            return new RecordedProcess(role.get(), Long.parseLong(fields.get("pid")), Long.parseLong(fields.get("spawn")),
                    started.equals(UNKNOWN) ? Optional.empty() : Optional.of(Instant.parse(started)),
                    Long.parseLong(fields.get("revision")), Instant.parse(fields.get("since")));
        } catch (DateTimeParseException | IllegalArgumentException unreadable) {
            throw corrupt(number, "whole numbers for pid, spawn and revision and ISO-8601 instants for started and since",
                    "\"" + line + "\" (" + unreadable.getMessage() + ")");
        }
    }

    private HaproxyException corrupt(int line, String expected, String found) {
        return new HaproxyException("the HAProxy process record " + file + " is corrupt at line " + line + ": expected "
                + expected + ", found " + found + ". Stop any HAProxy that an earlier Steward left running on this data"
                + " directory (pgrep -a haproxy), then remove the file");
    }
}
