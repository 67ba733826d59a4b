package dev.steward.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.BroadcastSink;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.TargetGroups;
import dev.steward.api.source.NotAcceptedException;
import dev.steward.testkit.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBroadcastSourceTest {
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @TempDir
    Path directory;

    private final List<List<Broadcast>> accepted = new CopyOnWriteArrayList<>();
    private final List<InvalidBroadcastException> rejected = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final BroadcastSink sink = new BroadcastSink() {
        @Override
        public long accept(List<Broadcast> broadcasts) {
            if (refusalsLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                refusals.incrementAndGet();
                throw new NotAcceptedException("disk full", new IOException("No space left on device"));
            }
            accepted.add(broadcasts);
            return accepted.size();
        }

        @Override
        public void reject(InvalidBroadcastException problem) {
            rejected.add(problem);
        }
    };
    private FileBroadcastSource source;

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
    }

    private static String state(int port) {
        return """
                targetGroups = [
                  { name = app, routePrefix = "/app",
                    targets = [ { host = 127.0.0.1, port = %d, replicaId = r1 } ] }
                ]
                fallbackTargets = []
                """.formatted(port);
    }

    /**
     * Replaces the file whole while the source watches it: an in-place write can be read half done,
     * which is a rejection of its own and not what these tests are about.
     */
    private void edit(String content) throws IOException {
        Path next = Files.writeString(directory.resolve("targets.conf.next"), content);
        Files.move(next, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path file() {
        return directory.resolve("targets.conf");
    }

    private void start() {
        source = new FileBroadcastSource(new FileSourceSettings(file(), "conf/targets.conf", Duration.ofMillis(20)));
        source.start(sink);
    }

    private static int port(List<Broadcast> broadcasts) {
        return ((TargetGroups) broadcasts.getFirst()).groups().getFirst().targets().getFirst().port();
    }

    @Test
    void deliversTheFileBeforeStartReturns() throws IOException {
        Files.writeString(file(), state(20001));
        start();
        assertThat(accepted).hasSize(1);
        assertThat(port(accepted.getFirst())).isEqualTo(20001);
    }

    @Test
    void refusesToStartOnAnInvalidFileSoGoodRoutesAreNotReplacedByNothing() throws IOException {
        Files.writeString(file(), state(0));
        assertThatThrownBy(this::start)
                .isInstanceOf(InvalidBroadcastException.class)
                .hasMessage("conf/targets.conf:3: targetGroups[0].targets[0].port: must be between 1 and 65535, found 0");
    }

    @Test
    void deliversAnEdit() throws IOException {
        Files.writeString(file(), state(20001));
        start();
        edit(state(20002));
        Eventually.await("the edit", DEADLINE, () -> accepted.size() == 2);
        assertThat(port(accepted.getLast())).isEqualTo(20002);
    }

    @Test
    void survivesAnEditorThatReplacesTheFileByRename() throws IOException {
        Files.writeString(file(), state(20001));
        start();
        Path temporary = directory.resolve(".targets.conf.swp");
        Files.writeString(temporary, state(20003));
        Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Eventually.await("the edit", DEADLINE, () -> accepted.size() == 2);
        assertThat(port(accepted.getLast())).isEqualTo(20003);

        edit(state(20004));
        Eventually.await("the second edit", DEADLINE, () -> accepted.size() == 3);
        assertThat(port(accepted.getLast())).isEqualTo(20004);
    }

    @Test
    void aBadEditIsRejectedWithFileAndLineAndTheNextGoodEditIsDelivered() throws IOException {
        Files.writeString(file(), state(20001));
        start();

        edit(state(70000));
        Eventually.await("the rejection", DEADLINE, () -> rejected.size() == 1);
        assertThat(rejected.getFirst()).hasMessageStartingWith("conf/targets.conf:3: targetGroups[0].targets[0].port");
        assertThat(accepted).hasSize(1);

        edit(state(20005));
        Eventually.await("the edit", DEADLINE, () -> accepted.size() == 2);
        assertThat(port(accepted.getLast())).isEqualTo(20005);
    }

    @Test
    void anEditTheSinkCannotRecordIsDeliveredAgainUntilItIs() throws IOException {
        Files.writeString(file(), state(20001));
        start();
        refusalsLeft.set(3);

        edit(state(20007));

        Eventually.await("the edit", DEADLINE, () -> accepted.size() == 2);
        assertThat(refusals).hasValue(3);
        assertThat(port(accepted.getLast())).isEqualTo(20007);
    }

    @Test
    void aDeletedFileKeepsTheLastGoodState() throws IOException {
        Files.writeString(file(), state(20001));
        start();
        Files.delete(file());
        edit(state(20006));
        Eventually.await("the file written again", DEADLINE, () -> accepted.size() >= 2);

        assertThat(accepted).as("a missing file delivers nothing, not an empty state").hasSize(2);
        assertThat(port(accepted.getLast())).isEqualTo(20006);
        assertThat(rejected).isEmpty();
    }
}
