package dev.steward.portquarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.portquarantine.PortState.Allocated;
import dev.steward.portquarantine.PortState.Blocked;
import dev.steward.portquarantine.PortState.Quarantined;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StateParserTest {
    private static final PortRange RANGE = new PortRange(20000, 20009);
    private static final String HEAD = "steward-port-quarantine-state 1\napplied 4\n";

    private final StateParser parser = new StateParser(RANGE);

    @ParameterizedTest
    @ValueSource(longs = {0, 1_000_000_000L, Long.MAX_VALUE - 5, Long.MIN_VALUE + 7})
    void readsBackWhatItWroteWhereverTheMonotonicClockStands(long now) {
        long later = now + Duration.ofMinutes(3).toNanos();
        PortBook book = new PortBook(Map.of(
                "node-a", new NodeState(Map.of(
                        20000, new Allocated("r1"),
                        20003, new Quarantined(17, now + Duration.ofMillis(9500).toNanos(), now + Duration.ofMinutes(5).toNanos()),
                        20009, new Blocked())),
                "node-b", new NodeState(Map.of(20001, new Blocked()))), 16);

        PortBook read = parser.parse(StateFormat.write(book, now), later);

        assertThat(read.appliedRevision()).isEqualTo(16);
        assertThat(read.node("node-b")).isEqualTo(book.node("node-b"));
        assertThat(read.node("node-a").ports()).containsEntry(20000, new Allocated("r1")).containsEntry(20009, new Blocked())
                .containsEntry(20003, new Quarantined(17, later + Duration.ofMillis(9500).toNanos(), later + Duration.ofMinutes(5).toNanos()));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, Long.MAX_VALUE - 5})
    void anExpiredQuarantineIsWrittenWithNothingLeft(long now) {
        PortBook book = new PortBook(Map.of("node-a", new NodeState(Map.of(20003, new Quarantined(1, now - 5, now - 3)))), 0);
        assertThat(StateFormat.write(book, now)).contains("quarantined node-a 20003 1 PT0S PT0S\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "steward-port-quarantine-state 1\napplied none\nend 0\n",
        "steward-port-quarantine-state 1\napplied 0\nend 0\n"})
    void readsAnEmptyState(String text) {
        assertThat(parser.parse(text, 0).nodes()).isEmpty();
    }

    static Stream<Arguments> corruptTexts() {
        return Stream.of(
                Arguments.of("", 1, "the file is empty"),
                Arguments.of("steward-port-quarantine-state 2\napplied 4\nend 0\n", 1, "expected \"steward-port-quarantine-state 1\""),
                Arguments.of(HEAD + "end 0", 3, "the last line has no line end"),
                Arguments.of(HEAD, 3, "ends before its \"end\" line"),
                Arguments.of(HEAD + "allocated node-a 20000 r1\n", 4, "ends before its \"end\" line"),
                Arguments.of("steward-port-quarantine-state 1\napplied -1\nend 0\n", 2, "expected the applied revision as a number"),
                Arguments.of("steward-port-quarantine-state 1\nend 0\n", 3, "ends before its \"end\" line"),
                Arguments.of(HEAD + "allocated node-a 20000 r1\nend 2\n", 4, "the end line counts 2 records, the file holds 1"),
                Arguments.of(HEAD + "allocated node-a 20000\nend 1\n", 3, "expected 4 fields"),
                Arguments.of(HEAD + "allocated node-a 20000 r1 extra\nend 1\n", 3, "expected 4 fields"),
                Arguments.of(HEAD + "allocated  node-a 20000\nend 1\n", 3, "separated by single spaces"),
                Arguments.of(HEAD + "allocated node#a 20000 r1\nend 1\n", 3, "node must match"),
                Arguments.of(HEAD + "allocated node-a 20000 r 1\nend 1\n", 3, "expected 4 fields"),
                Arguments.of(HEAD + "allocated node-a 020000 r1\nend 1\n", 3, "expected a port"),
                Arguments.of(HEAD + "allocated node-a 30000 r1\nend 1\n", 3, "outside the configured range 20000-20009"),
                Arguments.of(HEAD + "freed node-a 20000\nend 1\n", 3, "expected an \"allocated\", \"quarantined\" or \"blocked\" line"),
                Arguments.of(HEAD + "end 0\nend 0\n", 3, "expected an \"allocated\""),
                Arguments.of(HEAD + "blocked node-a 20000\nallocated node-a 20000 r1\nend 2\n", 4, "port 20000 of node node-a is listed twice"),
                Arguments.of(HEAD + "quarantined node-a 20000 x PT1S PT2S\nend 1\n", 3, "released revision as a number"),
                Arguments.of(HEAD + "quarantined node-a 20000 99999999999999999999 PT1S PT2S\nend 1\n", 3, "released revision as a number"),
                Arguments.of(HEAD + "quarantined node-a 20000 3 10s PT2S\nend 1\n", 3, "window left as an ISO-8601 duration"),
                Arguments.of(HEAD + "quarantined node-a 20000 3 PT1S PT-2S\nend 1\n", 3, "cap left from PT0S to PT24H"),
                Arguments.of(HEAD + "quarantined node-a 20000 3 PT1S PT25H\nend 1\n", 3, "cap left from PT0S to PT24H"));
    }

    @ParameterizedTest
    @MethodSource("corruptTexts")
    void rejectsAnythingItDidNotWriteWithTheLine(String text, int line, String reason) {
        assertThatThrownBy(() -> parser.parse(text, 0)).isInstanceOfSatisfying(StateSyntaxException.class, problem -> {
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.reason()).contains(reason);
        });
    }
}
