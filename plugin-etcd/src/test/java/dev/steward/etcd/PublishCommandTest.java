package dev.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.CommandContext;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.RoutingDocumentParser;
import dev.steward.api.model.TargetGroups;
import dev.steward.testkit.FreePort;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code steward publish} against a real etcd. */
class PublishCommandTest {
    private static final String STATE = """
            {
              "targetGroups": [
                { "name": "app1", "routePrefix": "/app1",
                  "targets": [ { "host": "127.0.0.1", "port": 20001, "replicaId": "app1-r1" } ] }
              ],
              "fallbackTargets": [ { "host": "127.0.0.1", "port": 20100, "replicaId": "fallback-1" } ]
            }
            """;

    @TempDir
    Path temp;

    private EtcdServer etcd;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startEtcd() {
        etcd = EtcdServer.start(temp);
    }

    @AfterEach
    void stopEtcd() {
        etcd.close();
    }

    private int publish(String... words) {
        return new PublishCommandProvider(Map.of()).run(new CommandContext(List.of(words), temp,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    @Test
    void writesBothKindsAsOneTransactionAndPrintsItsRevision() throws Exception {
        Path state = Files.writeString(temp.resolve("targets.json"), STATE);

        assertThat(publish("--etcd", etcd.endpoint().toString(), "--prefix", "/fleet", "--state", state.toString()))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();

        long revision = Long.parseLong(out.toString(StandardCharsets.UTF_8).strip());
        List<KeyValue> keys = stateKeys();
        assertThat(keys).extracting(KeyValue::getModRevision).containsExactly(revision, revision);
        TargetGroups groups = (TargetGroups) RoutingDocumentParser.parse(keys.getLast().getValue().toString(StandardCharsets.UTF_8),
                "stored", BroadcastKind.TARGET_GROUPS);
        assertThat(groups.groups().getFirst().name()).isEqualTo("app1");
    }

    @Test
    void anInvalidStateFileIsRefusedWithItsLineAndFieldAndNothingIsWritten() throws Exception {
        Path state = Files.writeString(temp.resolve("targets.json"), STATE.replace("20001", "0"));

        assertThat(publish("--etcd", etcd.endpoint().toString(), "--state", state.toString())).isEqualTo(CommandContext.FAILED);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the routing state is invalid, nothing was written: "
                + state + ":4: targetGroups[0].targets[0].port: must be between 1 and 65535, found 0");
        assertThat(out.size()).isZero();
        assertThat(stateKeys()).isEmpty();
    }

    @Test
    void badArgumentsAreNamedWithTheUsage() {
        assertThat(publish("--etcd", etcd.endpoint().toString())).isEqualTo(CommandContext.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("steward publish: --state: is required")
                .contains("usage: steward publish --etcd URLS --state FILE");
    }

    @Test
    void anUnreachableEtcdWritesNothingAndSaysSo() throws IOException {
        Path state = Files.writeString(temp.resolve("targets.json"), STATE);

        assertThat(publish("--etcd", "http://127.0.0.1:" + FreePort.pick(), "--state", state.toString(), "--timeout", "100ms"))
                .isEqualTo(CommandContext.FAILED);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("steward publish: nothing was written: writing the routing"
                + " state under /steward/ at [http://127.0.0.1:");
    }

    private List<KeyValue> stateKeys() throws Exception {
        return etcd.client().getKVClient().get(ByteSequence.from("/", StandardCharsets.UTF_8),
                GetOption.builder().isPrefix(true).build()).get(5, TimeUnit.SECONDS).getKvs();
    }
}
