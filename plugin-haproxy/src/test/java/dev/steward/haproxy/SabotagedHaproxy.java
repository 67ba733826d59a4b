package dev.steward.haproxy;

import dev.steward.haproxy.process.HaproxyBinary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * A stand-in for the haproxy executable: the real one for version and configuration checks, and for
 * start-ups unless the test sabotages them — a start that exits at once, or a process that never
 * takes over (it does not even run HAProxy).
 */
final class SabotagedHaproxy {
    private final Path script;
    private final Path mode;

    private SabotagedHaproxy(Path script, Path mode) {
        this.script = script;
        this.mode = mode;
    }

    static SabotagedHaproxy install(Path directory) {
        Path real = HaproxyBinary.locate("haproxy", directory, directory, Duration.ofSeconds(30)).path();
        Path script = directory.resolve("haproxy-sabotaged");
        Path mode = directory.resolve("haproxy-sabotage");
        String text = """
                #!/bin/sh
                case " $* " in
                  *" -c "*|*" -v "*) exec %1$s "$@" ;;
                esac
                case "$(cat %2$s 2>/dev/null)" in
                  exit) echo "[ALERT] sabotaged start-up: exiting at once" >&2; exit 3 ;;
                  silent) exec sleep 600 ;;
                esac
                exec %1$s "$@"
                """.formatted(real, mode);
        try {
            Files.writeString(script, text);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException problem) {
            throw new UncheckedIOException(problem);
        }
        return new SabotagedHaproxy(script, mode);
    }

    Path path() {
        return script;
    }

    /** The next start-ups exit at once with a message on stderr. */
    void exitOnStart() {
        set("exit");
    }

    /** The next start-ups run a process that never answers on the admin socket. */
    void silentOnStart() {
        set("silent");
    }

    void behave() {
        set("");
    }

    private void set(String value) {
        try {
            Files.writeString(mode, value);
        } catch (IOException problem) {
            throw new UncheckedIOException(problem);
        }
    }
}
