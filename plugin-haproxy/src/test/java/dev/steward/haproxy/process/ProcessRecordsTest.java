package dev.steward.haproxy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.haproxy.runtime.HaproxyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of the HAProxy processes a later Steward may take over: written, read back, and refused when corrupt. */
class ProcessRecordsTest {
    @TempDir
    Path directory;

    @Test
    void whatIsWrittenReadsBackAndAnEmptyListRemovesTheFile() {
        ProcessRecords records = new ProcessRecords(directory.resolve("haproxy.processes"));
        List<RecordedProcess> processes = List.of(
                new RecordedProcess(RecordedProcess.Role.SERVING, 1234, 3, Optional.of(Instant.parse("2026-05-01T10:00:00.12Z")), 12,
                        Instant.parse("2026-05-01T10:00:00.5Z")),
                new RecordedProcess(RecordedProcess.Role.RETIRING, 1200, 2, Optional.empty(), 11, Instant.parse("2026-05-01T10:00:00Z")));

        records.write(processes);
        assertThat(records.read()).isEqualTo(processes);

        records.write(List.of());
        assertThat(records.file()).doesNotExist();
        assertThat(records.read()).isEmpty();
    }

    @Test
    void anUnknownRoleIsRefusedWithTheLineAndWhatToDo() throws IOException {
        Path file = Files.writeString(directory.resolve("haproxy.processes"), "master pid=1 spawn=1 revision=1 started=unknown"
                + " since=2026-01-01T00:00:00Z\n");

        assertThatThrownBy(() -> new ProcessRecords(file).read())
                .isInstanceOf(HaproxyException.class)
                .hasMessage("the HAProxy process record " + file + " is corrupt at line 1: expected \"serving\" or \"retiring\""
                        + " first, found \"master\". Stop any HAProxy that an earlier Steward left running on this data"
                        + " directory (pgrep -a haproxy), then remove the file");
    }

    @Test
    void aValueThatIsNoNumberIsRefused() throws IOException {
        Path file = Files.writeString(directory.resolve("haproxy.processes"), "serving pid=x spawn=1 revision=1 started=unknown"
                + " since=2026-01-01T00:00:00Z\n");

        assertThatThrownBy(() -> new ProcessRecords(file).read())
                .isInstanceOf(HaproxyException.class)
                .hasMessageContaining("is corrupt at line 1: expected whole numbers for pid, spawn and revision");
    }
}
