package dev.steward.haproxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.process.HaproxyBinary;
import dev.steward.haproxy.process.HaproxyVersion;
import dev.steward.testkit.Eventually;
import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HAProxy's answers of both supported versions, kept as fixtures: each is read as its command
 * expects, and the HAProxy on PATH answers its own version's commands word for word.
 */
class RuntimeAnswersTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    /** One command of a fixture, with what its answer must mean. */
    record Recorded(String command, RuntimeAnswer.Expect expect, RuntimeAnswer.Meaning meaning, String answer) {}

    @ParameterizedTest
    @ValueSource(strings = {"2.6", "3.0"})
    void everyRecordedAnswerMeansWhatItsVersionMeantByIt(String version) {
        List<Recorded> recorded = fixture(version);

        assertThat(recorded).hasSizeGreaterThan(20);
        for (Recorded answer : recorded) {
            assertThat(RuntimeAnswer.read(answer.expect(), answer.answer() + "\n").meaning())
                    .as(version + ": " + answer.command() + " -> " + answer.answer()).isEqualTo(answer.meaning());
        }
    }

    @Test
    void anAnswerNoVersionGivesIsUnrecognisedNeverDoneOrRefused() {
        for (RuntimeAnswer.Expect expect : RuntimeAnswer.Expect.values()) {
            for (String strange : List.of("OK", "done.", "IP changed", "port changed from '1' to '2' by 'someone else'",
                    "New server registered. Really.", "Server deleted", "New version created: x")) {
                assertThat(RuntimeAnswer.read(expect, strange).meaning()).as(expect + " " + strange)
                        .isEqualTo(RuntimeAnswer.Meaning.UNRECOGNISED);
            }
        }
        assertThat(RuntimeAnswer.read(RuntimeAnswer.Expect.ADDRESS_SET, "").meaning()).isEqualTo(RuntimeAnswer.Meaning.UNRECOGNISED);
        assertThat(RuntimeAnswer.read(RuntimeAnswer.Expect.NOTHING, "nothing changed").meaning())
                .isEqualTo(RuntimeAnswer.Meaning.UNRECOGNISED);
    }

    @Test
    void theHaproxyOnPathAnswersAsItsVersionsFixtureSays() throws IOException, InterruptedException {
        HaproxyBinary binary = HaproxyBinary.locate("haproxy", directory, directory, TIMEOUT);
        HaproxyVersion version = binary.version();
        String fixtureVersion = version.major() + "." + version.minor();
        List<Recorded> recorded = fixture(fixtureVersion);
        Path socket = directory.resolve("admin.sock");
        Path routes = Files.writeString(directory.resolve("routes.map"), "/docs/ b1\n");
        Map<String, String> values = Map.of("@ADMIN_SOCKET@", socket.toString(), "@PORT@", String.valueOf(FreePort.pick()),
                "@ROUTES_MAP@", routes.toString(), "@NO_MAP@", directory.resolve("none.map").toString());
        Path config = Files.writeString(directory.resolve("fixture.cfg"), fill(resource("fixture.cfg"), values));
        Process haproxy = new ProcessBuilder(binary.path().toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("haproxy.log").toFile()).start();
        try {
            RuntimeApi api = new RuntimeApi(socket, TIMEOUT, TimeSource.system());
            // As after a reload: commands go to a process only once it answers show info with its own pid.
            Eventually.await("show info from HAProxy " + version, TIMEOUT, () -> answersShowInfo(api, haproxy.pid()));
            for (Recorded answer : recorded) {
                String command = fill(answer.command(), values);
                assertThat(api.execute(command).strip()).as(version + ": " + command).isEqualTo(answer.answer());
            }
        } finally {
            haproxy.destroy();
            if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
        }
    }

    private static boolean answersShowInfo(RuntimeApi api, long pid) {
        try {
            return api.showInfo().pid() == pid;
        } catch (RuntimeApiException notYet) {
            return false;
        }
    }

    private static List<Recorded> fixture(String version) {
        List<Recorded> recorded = new ArrayList<>();
        String[] fields = new String[4];
        int field = 0;
        for (String line : resource("haproxy-" + version + ".txt").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] names = {"command: ", "expect: ", "meaning: ", "answer:"};
            assertThat(line).as("line " + field + " of a recorded answer").startsWith(names[field]);
            fields[field] = line.substring(names[field].length()).strip();
            field++;
            if (field == 4) {
                recorded.add(new Recorded(fields[0], RuntimeAnswer.Expect.valueOf(fields[1]),
                        RuntimeAnswer.Meaning.valueOf(fields[2]), fields[3]));
                field = 0;
            }
        }
        return recorded;
    }

    private static String fill(String text, Map<String, String> values) {
        String filled = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace(value.getKey(), value.getValue());
        }
        return filled;
    }

    private static String resource(String name) {
        try (InputStream in = RuntimeAnswersTest.class.getResourceAsStream("/runtime/answers/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException problem) {
            throw new UncheckedIOException(problem);
        }
    }
}
