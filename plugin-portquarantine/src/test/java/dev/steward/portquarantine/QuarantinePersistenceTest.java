package dev.steward.portquarantine;

import static dev.steward.api.ports.ReleaseMode.BLOCK;
import static dev.steward.api.ports.ReleaseMode.QUARANTINE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.steward.api.PortPolicy;
import dev.steward.api.ports.NodePorts;
import dev.steward.api.ports.PortLease;
import dev.steward.api.ports.QuarantinedPort;
import dev.steward.testkit.ManualTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantinePersistenceTest {
    private static final String NODE = "node-a";
    private static final String SETTINGS = "range = \"20000-20009\"\ncap = 5m";
    private static final Duration WINDOW = Duration.ofSeconds(10);

    @TempDir
    Path dataDirectory;

    private final ManualTime time = new ManualTime();

    private PortPolicy start() {
        return start(SETTINGS);
    }

    private PortPolicy start(String settings) {
        return Policies.create(settings, dataDirectory, time, new RecordingMetrics());
    }

    /** A new process: the monotonic clock starts elsewhere, and the wall clock moved on while Steward was down. */
    private PortPolicy restart(Duration downtime) {
        time.restartMonotonic(-123_456_789L);
        time.setWallTime(time.wallTime().plus(downtime));
        return start();
    }

    @Test
    void everyStateAndTheConfirmedRevisionSurviveARestart() {
        PortPolicy before = start();
        before.allocate(NODE, "r1");
        before.allocate(NODE, "r2");
        before.allocate(NODE, "r3");
        before.allocate("node-b", "r4");
        before.applied(6);
        before.release(NODE, 20001, QUARANTINE, 7);
        before.release(NODE, 20002, BLOCK, 7);
        before.close();

        PortPolicy after = restart(Duration.ZERO);
        NodePorts ports = after.ports(NODE);
        assertThat(ports.allocated()).containsExactly(new PortLease(NODE, 20000, "r1"));
        assertThat(ports.quarantined()).extracting(QuarantinedPort::port, QuarantinedPort::releasedRevision)
                .containsExactly(tuple(20001, 7L));
        assertThat(ports.blocked()).containsExactly(20002);
        assertThat(after.ports("node-b").allocated()).containsExactly(new PortLease("node-b", 20000, "r4"));

        time.advance(WINDOW);
        assertThat(after.allocate(NODE, "r5").port()).as("revision 6 confirmed, 7 not yet").isEqualTo(20003);
        after.applied(7);
        assertThat(after.allocate(NODE, "r6").port()).isEqualTo(20001);
    }

    @Test
    void aQuarantineKeepsItsTimeLeftAcrossARestartHoweverFarTheWallClockMoved() {
        PortPolicy before = start();
        before.allocate(NODE, "r1");
        before.applied(3);
        before.release(NODE, 20000, QUARANTINE, 3);
        time.advance(Duration.ofSeconds(3));
        before.allocate(NODE, "r2");

        PortPolicy after = restart(Duration.ofHours(2));
        time.advance(Duration.ofSeconds(7).minusNanos(1));
        assertThat(after.allocate(NODE, "r3").port()).as("7 s were left when the state was last saved").isEqualTo(20002);
        time.advance(Duration.ofNanos(1));
        assertThat(after.allocate(NODE, "r4").port()).isEqualTo(20000);
    }

    @Test
    void notBeforeAfterARestartCountsTheTimeLeftFromTheRestart() {
        PortPolicy before = start();
        before.allocate(NODE, "r1");
        before.release(NODE, 20000, QUARANTINE, 3);

        PortPolicy after = restart(Duration.ofMinutes(1));
        assertThat(after.ports(NODE).quarantined())
                .containsExactly(new QuarantinedPort(20000, 3, time.wallTime().plus(WINDOW)));
    }

    @Test
    void theCapKeepsItsTimeLeftAcrossARestart() {
        PortPolicy before = start();
        before.allocate(NODE, "r1");
        before.release(NODE, 20000, QUARANTINE, 3);
        time.advance(Duration.ofMinutes(4));
        before.allocate(NODE, "r2");

        PortPolicy after = restart(Duration.ofHours(1));
        time.advance(Duration.ofMinutes(1).minusNanos(1));
        assertThat(after.allocate(NODE, "r3").port()).isEqualTo(20002);
        time.advance(Duration.ofNanos(1));
        assertThat(after.allocate(NODE, "r4").port()).isEqualTo(20000);
    }

    @Test
    void aNodeWithOnlyAQuarantineLeftKeepsItAcrossARestart() {
        PortPolicy before = start();
        before.allocate(NODE, "r1");
        before.release(NODE, 20000, QUARANTINE, 3);

        PortPolicy after = restart(Duration.ofMinutes(10));
        after.applied(3);
        assertThat(after.allocate(NODE, "r2").port()).isEqualTo(20001);
    }

    @Test
    void theFileIsLineBasedAndReadable() throws IOException {
        PortPolicy policy = start();
        policy.allocate("node-b", "r1");
        policy.allocate(NODE, "r2");
        policy.allocate(NODE, "r3");
        policy.allocate(NODE, "r4");
        policy.release(NODE, 20001, QUARANTINE, 12);
        policy.release(NODE, 20002, BLOCK, 12);
        time.advance(Duration.ofMillis(2500));
        policy.applied(11);

        assertThat(Files.readString(dataDirectory.resolve("ports.state"))).isEqualTo("""
                steward-port-quarantine-state 1
                applied 11
                allocated node-a 20000 r2
                quarantined node-a 20001 12 PT7.5S PT4M57.5S
                blocked node-a 20002
                allocated node-b 20000 r1
                end 4
                """);
        try (Stream<Path> files = Files.list(dataDirectory)) {
            assertThat(files).as("no temporary file is left behind").containsExactly(dataDirectory.resolve("ports.state"));
        }
    }

    @Test
    void theStateFileNameIsASetting() {
        start(SETTINGS + "\nstate-file = \"quarantine.db\"").allocate(NODE, "r1");
        assertThat(dataDirectory.resolve("quarantine.db")).exists();
    }

    @Test
    void aFirstStartWithoutAFileStartsEmpty() {
        assertThat(start().ports(NODE)).isEqualTo(new NodePorts(NODE, List.of(), List.of(), List.of()));
    }

    @Test
    void aCorruptFileStopsCreationWithAnErrorNamingTheFileAndLine() throws IOException {
        Path file = dataDirectory.resolve("ports.state");
        Files.writeString(file, "steward-port-quarantine-state 1\napplied 3\nallocated node-a 20000\nend 1\n");

        assertThatThrownBy(this::start)
                .isInstanceOf(PortStateFileException.class)
                .hasMessageContaining("the port state " + file + " is corrupt: line 3:")
                .hasMessageContaining("Steward does not start without it");
    }

    @Test
    void aFileCutShortIsCorrupt() throws IOException {
        Path file = dataDirectory.resolve("ports.state");
        start().allocate(NODE, "r1");
        String whole = Files.readString(file);
        Files.writeString(file, whole.substring(0, whole.indexOf("end")));

        assertThatThrownBy(this::start).isInstanceOf(PortStateFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("cut short");
    }

    @Test
    void aFileThatIsNotTextIsCorrupt() throws IOException {
        Path file = dataDirectory.resolve("ports.state");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});

        assertThatThrownBy(this::start).isInstanceOf(PortStateFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not UTF-8");
    }

    @Test
    void aSavedPortOutsideANewlyConfiguredRangeStopsCreation() {
        start().allocate(NODE, "r1");
        assertThatThrownBy(() -> start("range = \"21000-21009\""))
                .isInstanceOf(PortStateFileException.class)
                .hasMessageContaining("line 3: port 20000 is outside the configured range 21000-21009");
    }

    @Test
    void aChangeThatCannotBeSavedIsNotMade() throws IOException {
        PortPolicy policy = start();
        Path blocker = Files.createDirectory(dataDirectory.resolve("ports.state.tmp"));

        assertThatThrownBy(() -> policy.allocate(NODE, "r1"))
                .isInstanceOf(PortStateFileException.class)
                .hasMessageContaining("cannot save the port state to " + dataDirectory.resolve("ports.state"));
        assertThat(policy.ports(NODE).allocated()).isEmpty();

        Files.delete(blocker);
        assertThat(policy.allocate(NODE, "r1").port()).as("the failed allocation left no port behind").isEqualTo(20000);
        assertThat(Files.readString(dataDirectory.resolve("ports.state"), UTF_8)).contains("allocated node-a 20000 r1");
    }
}
