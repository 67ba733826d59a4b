package dev.steward.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A child JVM appends to a journal and is killed with SIGKILL while it does, again and again: every
 * record whose append had returned is there after each kill, in order, and nothing else but at most
 * a torn last record, which the next open cuts off.
 */
class JournalCrashTest {
    private static final int KILLS = 4;
    private static final long CHILD_WAIT_SECONDS = 30;

    @TempDir
    Path directory;

    @Test
    void everyAppendThatReturnedSurvivesAKillNineInTheMiddleOfTheNext() throws Exception {
        Path file = directory.resolve("changes.journal");
        int confirmed = -1;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(javaBinary(), "-cp", classPath(), JournalWriterProcess.class.getName(),
                    file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                confirmed = Math.max(confirmed, readConfirmationsThenKill(child));
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(CHILD_WAIT_SECONDS, TimeUnit.SECONDS)).as("the child exited").isTrue();
            }
            List<Integer> numbers = new ArrayList<>();
            AppendOnlyJournal.open(file, (offset, record) ->
                    numbers.add(Integer.parseInt(new String(record, StandardCharsets.UTF_8).split(" ")[0]))).close();
            assertThat(numbers.size()).as("records after kill %d", kill).isGreaterThan(confirmed);
            for (int i = 0; i < numbers.size(); i++) {
                assertThat(numbers.get(i)).as("record %d after kill %d", i, kill).isEqualTo(i);
            }
        }
    }

    /** Reads the child's confirmations for a random while, then kills it with SIGKILL; returns the last one read. */
    private static int readConfirmationsThenKill(Process child) throws IOException {
        int wanted = ThreadLocalRandom.current().nextInt(50, 400);
        int last = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int seen = 0;
            String line;
            while (seen < wanted && (line = out.readLine()) != null) {
                last = Integer.parseInt(line.strip());
                seen++;
            }
            assertThat(seen).as("confirmations before the child ended on its own").isEqualTo(wanted);
            child.destroyForcibly();
        }
        return last;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Just what the child needs: core's classes, these test classes and slf4j. */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(AppendOnlyJournal.class, JournalWriterProcess.class, LoggerFactory.class)) {
            entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
