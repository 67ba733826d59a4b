package dev.steward.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.steward.api.BroadcastSink;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.TargetGroups;
import dev.steward.testkit.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * A routing file that does not name both kinds (an editor that truncates before it writes, {@code : >
 * targets.conf}, a file left holding only its comments) is refused with its place and the missing key,
 * and the last good state keeps serving: it never passes for a state with no routes.
 */
class IncompleteRoutingFileTest {
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @TempDir
    Path directory;

    private final List<List<Broadcast>> accepted = new CopyOnWriteArrayList<>();
    private final List<InvalidBroadcastException> rejected = new CopyOnWriteArrayList<>();
    private final BroadcastSink sink = new BroadcastSink() {
        @Override
        public long accept(List<Broadcast> broadcasts) {
            accepted.add(broadcasts);
            return accepted.size();
        }

        @Override
        public void reject(InvalidBroadcastException problem) {
            rejected.add(problem);
        }
    };
    private final Logger logger = (Logger) LoggerFactory.getLogger(FileBroadcastSource.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private FileBroadcastSource source;

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
        logger.detachAppender(log);
        log.stop();
    }

    private static String state(int port) {
        return """
                # The routes of this node.
                targetGroups = [
                  { name = app, routePrefix = "/app",
                    targets = [ { host = 127.0.0.1, port = %d, replicaId = r1 } ] }
                ]
                fallbackTargets = []
                """.formatted(port);
    }

    private Path file() {
        return directory.resolve("targets.conf");
    }

    /** Writes in place, truncating first, as {@code : >} and many editors do. */
    private void overwrite(String content) throws IOException {
        Files.writeString(file(), content);
    }

    private void start() {
        source = new FileBroadcastSource(new FileSourceSettings(file(), "conf/targets.conf", Duration.ofMillis(20)));
        source.start(sink);
    }

    private List<String> warnings() {
        return log.list.stream().filter(event -> event.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static int port(List<Broadcast> broadcasts) {
        return ((TargetGroups) broadcasts.getFirst()).groups().getFirst().targets().getFirst().port();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            emptied               | ''                                            | conf/targets.conf:1: targetGroups: is required
            only whitespace       | '\\n   \\n'                                     | conf/targets.conf:1: targetGroups: is required
            only the comment      | '# The routes of this node.\\n'               | conf/targets.conf:1: targetGroups: is required
            an empty object       | '{}'                                          | conf/targets.conf:1: targetGroups: is required
            only the groups       | 'targetGroups = []\\n'                        | conf/targets.conf:1: fallbackTargets: is required
            only the fallback     | 'fallbackTargets = []\\n'                     | conf/targets.conf:1: targetGroups: is required
            a kind in other case  | 'targetgroups = []\\nfallbackTargets = []\\n'  | conf/targets.conf:1: targetgroups: unknown field
            a misspelled kind     | 'targetGroups = []\\nfallbackTarget = []\\n'   | conf/targets.conf:2: fallbackTarget: unknown field
            cut mid-document      | '# The routes of this node.\\ntargetGroups = [\\n  { name = app, routePrefix = "/app",\\n' | conf/targets.conf:
            """)
    void anIncompleteFileIsRefusedAndTheLastGoodStateKeepsServing(String what, String content, String message)
            throws IOException {
        overwrite(state(20001));
        start();

        overwrite(content.replace("\\n", "\n"));

        // The source tells the sink, then logs: wait for both.
        Eventually.await("the refusal of the file " + what + ", and its warning", DEADLINE,
                () -> rejected.size() == 1 && !warnings().isEmpty());
        assertThat(rejected.getFirst()).hasMessageStartingWith(message);
        assertThat(accepted).as("nothing replaces the routes").hasSize(1);
        assertThat(warnings()).anySatisfy(warning -> assertThat(warning)
                .contains("the last good state keeps serving").contains(message));

        overwrite(state(20002));
        Eventually.await("the good file after it", DEADLINE, () -> accepted.size() == 2);
        assertThat(port(accepted.getLast())).isEqualTo(20002);
    }

    @Test
    void aFileTruncatedAndThenWrittenNeverServesAnEmptyState() throws IOException {
        overwrite(state(20001));
        start();

        for (int port = 20002; port < 20012; port++) {
            overwrite("");
            overwrite(state(port));
            int expected = port;
            Eventually.await("port " + port + " served", DEADLINE,
                    () -> !accepted.isEmpty() && port(accepted.getLast()) == expected);
        }

        assertThat(accepted).as("every state delivered has its group").allSatisfy(broadcasts -> assertThat(port(broadcasts))
                .isBetween(20001, 20011));
        assertThat(rejected).as("a truncation the poll saw was refused, never delivered")
                .allSatisfy(problem -> assertThat(problem).hasMessageStartingWith("conf/targets.conf:1: targetGroups: is required"));
    }

    @Test
    void aDaemonDoesNotStartOnAnEmptyFile() throws IOException {
        overwrite("");
        assertThatThrownBy(this::start)
                .isInstanceOf(InvalidBroadcastException.class)
                .hasMessageStartingWith("conf/targets.conf:1: targetGroups: is required: a routing document names both");
        assertThat(accepted).isEmpty();
    }
}
