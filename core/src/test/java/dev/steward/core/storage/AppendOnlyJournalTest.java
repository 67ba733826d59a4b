package dev.steward.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendOnlyJournalTest {
    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("data/changes.journal");
    }

    private List<String> reopen() {
        List<String> records = new ArrayList<>();
        try (AppendOnlyJournal journal = AppendOnlyJournal.open(file(), (offset, record) -> records.add(text(record)))) {
            assertThat(journal.size()).isEqualTo(fileSize());
        }
        return records;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] record) {
        return new String(record, StandardCharsets.UTF_8);
    }

    private long fileSize() {
        try {
            return Files.size(file());
        } catch (IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    /** Appends the records to a new journal; returns the offset of each. */
    private List<Long> write(String... records) {
        List<Long> offsets = new ArrayList<>();
        try (AppendOnlyJournal journal = AppendOnlyJournal.open(file(), (offset, record) -> {})) {
            for (String record : records) {
                offsets.add(journal.append(bytes(record)));
            }
        }
        return offsets;
    }

    @Test
    void aNewJournalIsEmptyAndItsFolderIsCreated() {
        assertThat(reopen()).isEmpty();
        assertThat(file()).exists();
    }

    @Test
    void recordsComeBackInTheOrderTheyWereAppendedEmptyOnesIncluded() {
        write("first", "", "third \u00e9\n{}");

        assertThat(reopen()).containsExactly("first", "", "third \u00e9\n{}");
    }

    @Test
    void appendsAfterAReopenFollowTheRecordsBefore() {
        write("one");
        try (AppendOnlyJournal journal = AppendOnlyJournal.open(file(), (offset, record) -> {})) {
            journal.append(bytes("two"));
        }

        assertThat(reopen()).containsExactly("one", "two");
    }

    @Test
    void aTailCutAtEveryByteOfTheLastRecordKeepsEveryRecordBeforeIt() throws IOException {
        List<Long> offsets = write("one", "two", "the last record, long enough to be cut in many places");
        byte[] whole = Files.readAllBytes(file());
        long last = offsets.getLast();

        for (long cut = last + 1; cut < whole.length; cut++) {
            Files.write(file(), Arrays.copyOf(whole, (int) cut));

            List<String> records = new ArrayList<>();
            try (AppendOnlyJournal journal = AppendOnlyJournal.open(file(), (offset, record) -> records.add(text(record)))) {
                assertThat(records).as("cut at %d", cut).containsExactly("one", "two");
                assertThat(journal.recovery()).as("cut at %d", cut).hasValueSatisfying(report -> assertThat(report)
                        .contains(file().toString()).contains("offset " + last).contains("torn").contains("2 records"));
                journal.append(bytes("after the crash"));
            }
            assertThat(reopen()).as("cut at %d", cut).containsExactly("one", "two", "after the crash");
            Path aside = file().resolveSibling("changes.journal.tail-at-" + last);
            assertThat(Files.readAllBytes(aside)).as("the cut-off bytes, set aside")
                    .isEqualTo(Arrays.copyOfRange(whole, (int) last, (int) cut));
        }
    }

    @Test
    void aCutAtARecordBoundaryIsNoTailAtAll() throws IOException {
        List<Long> offsets = write("one", "two");
        try (FileChannel channel = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            channel.truncate(offsets.getLast());
        }

        try (AppendOnlyJournal journal = AppendOnlyJournal.open(file(), (offset, record) -> {})) {
            assertThat(journal.recovery()).isEmpty();
        }
        assertThat(reopen()).containsExactly("one");
    }

    @Test
    void aDamagedByteInAnyRecordIsCaughtByItsChecksumAndTheRecordsBeforeItAreKept() throws IOException {
        List<Long> offsets = write("one", "two", "three");
        byte[] whole = Files.readAllBytes(file());

        for (int damaged = offsets.get(1).intValue(); damaged < offsets.get(2); damaged++) {
            byte[] copy = whole.clone();
            copy[damaged] ^= 0x10;
            Files.write(file(), copy);

            List<String> records = new ArrayList<>();
            try (AppendOnlyJournal journal = AppendOnlyJournal.open(file(), (offset, record) -> records.add(text(record)))) {
                assertThat(records).as("byte %d damaged", damaged).containsExactly("one");
                assertThat(journal.recovery()).as("byte %d damaged", damaged).hasValueSatisfying(report ->
                        assertThat(report).contains(file().toString()).contains("offset " + offsets.get(1)));
            }
        }
    }

    @Test
    void aFileThatIsNotAJournalIsRefusedAndLeftAsItWas() throws IOException {
        Files.createDirectories(file().getParent());
        for (String content : List.of("", "STWJ", "{\"targetGroups\": []}")) {
            Files.writeString(file(), content);

            assertThatThrownBy(() -> AppendOnlyJournal.open(file(), (offset, record) -> {}))
                    .isInstanceOf(JournalException.class)
                    .hasMessageContaining(file().toString())
                    .hasMessageContaining("not a Steward journal");
            assertThat(Files.readString(file())).isEqualTo(content);
        }
    }

    @Test
    void aRecordItsOwnerCannotReadStopsTheOpenNamingTheFileAndTheOffset() {
        List<Long> offsets = write("good", "bad");

        assertThatThrownBy(() -> AppendOnlyJournal.open(file(), (offset, record) -> {
            if (text(record).equals("bad")) {
                throw new IllegalArgumentException("not a group");
            }
        })).isInstanceOf(JournalException.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("at offset " + offsets.get(1))
                .hasMessageContaining("not a group");
        assertThat(reopen()).as("nothing cut off").containsExactly("good", "bad");
    }

    @Test
    void truncateTakesBackTheLastAppend() {
        try (AppendOnlyJournal journal = AppendOnlyJournal.open(file(), (offset, record) -> {})) {
            journal.append(bytes("kept"));
            long refused = journal.append(bytes("refused"));

            journal.truncate(refused);
            journal.append(bytes("next"));
        }

        assertThat(reopen()).containsExactly("kept", "next");
    }

    @Test
    void truncateRefusesAnOffsetOutsideTheRecords() {
        try (AppendOnlyJournal journal = AppendOnlyJournal.open(file(), (offset, record) -> {})) {
            journal.append(bytes("kept"));

            assertThatThrownBy(() -> journal.truncate(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> journal.truncate(journal.size() + 1)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(reopen()).containsExactly("kept");
    }

    @Test
    void replaceLeavesOnlyTheNewRecordsAndAppendsFollowThem() {
        try (AppendOnlyJournal journal = AppendOnlyJournal.open(file(), (offset, record) -> {})) {
            for (int i = 0; i < 100; i++) {
                journal.append(bytes("change " + i));
            }
            long before = journal.size();

            journal.replace(List.of(bytes("all the changes")));
            journal.append(bytes("one more"));

            assertThat(journal.size()).isLessThan(before);
        }

        assertThat(reopen()).containsExactly("all the changes", "one more");
        assertThat(file().getParent()).isDirectoryNotContaining("glob:**.compacting");
    }

    @Test
    void aCompactionLeftHalfDoneByACrashChangesNothing() throws IOException {
        write("one", "two");
        Files.write(file().resolveSibling("changes.journal.compacting"), bytes("half a compacted file"));

        assertThat(reopen()).containsExactly("one", "two");
        try (AppendOnlyJournal journal = AppendOnlyJournal.open(file(), (offset, record) -> {})) {
            journal.replace(List.of(bytes("both")));
        }
        assertThat(reopen()).containsExactly("both");
    }

    @Test
    void aClosedJournalRefusesAppends() {
        AppendOnlyJournal journal = AppendOnlyJournal.open(file(), (offset, record) -> {});
        journal.close();

        assertThatThrownBy(() -> journal.append(bytes("late"))).isInstanceOf(JournalException.class)
                .hasMessageContaining("closed");
    }
}
