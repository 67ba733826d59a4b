package dev.steward.core.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link JournalCrashTest}: appends numbered records to a journal as fast as
 * it can and prints each number once its append returned, until it is killed.
 */
public final class JournalWriterProcess {
    /** Long enough that an append takes more than one page, so a kill can land inside one. */
    static final int PADDING = 9_000;

    private JournalWriterProcess() {}

    public static void main(String[] arguments) {
        Path file = Path.of(arguments[0]);
        int[] next = {0};
        AppendOnlyJournal journal = AppendOnlyJournal.open(file, (offset, record) -> next[0]++);
        String padding = "x".repeat(PADDING);
        for (int i = next[0]; ; i++) {
            journal.append((i + " " + padding).getBytes(StandardCharsets.UTF_8));
            System.out.println(i);
            System.out.flush();
        }
    }
}
