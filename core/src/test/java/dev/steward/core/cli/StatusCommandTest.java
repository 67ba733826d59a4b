package dev.steward.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.time.TimeSource;
import dev.steward.core.daemon.Bootstrap;
import dev.steward.core.daemon.Daemon;
import dev.steward.core.daemon.DaemonHandle;
import dev.steward.core.testing.Answer;
import dev.steward.core.testing.ApiClient;
import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import dev.steward.testkit.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code steward status} against a whole running daemon: real plugins, a real HAProxy, its API on loopback. */
class StatusCommandTest {
    private static final String TOKEN = "status-test-token-0123456789";

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Replica replica;
    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.stop();
        }
        if (replica != null) {
            replica.close();
        }
    }

    private int status() {
        out.reset();
        err.reset();
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                home).run(List.of("status"));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Starts a daemon with its API on {@code apiPort}, routing /app1 to one replica from the routing file. */
    private ApiClient start(int apiPort) throws IOException {
        replica = Replica.start("app1-r1");
        Path conf = Files.createDirectories(home.resolve("conf")).resolve("steward.conf");
        Files.writeString(home.resolve("conf/targets.conf"), """
                targetGroups = [ { name = app1, routePrefix = "/app1",
                  targets = [ { host = "127.0.0.1", port = %d, replicaId = app1-r1 } ] } ]
                fallbackTargets = []
                """.formatted(replica.port()));
        Files.writeString(conf, """
                steward {
                  node-id = proxy-7
                  api { bind = "127.0.0.1:%d", token = "%s", request-timeout = 2s }
                  haproxy.bind = "127.0.0.1:%d"
                  port-quarantine.range = "%s"
                }
                """.formatted(apiPort, TOKEN, FreePort.pick(), FreePort.rangeSetting(10)));
        daemon = DaemonHandle.create(Bootstrap.load(home, conf, true), TimeSource.system()).daemon();
        daemon.start();
        ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + apiPort), Optional.of(TOKEN));
        Eventually.await("the routing file served", Duration.ofSeconds(30), () -> api.get("/-/ready").status() == 200);
        return api;
    }

    @Test
    void showsRevisionsHaproxyRoutesAndPortsOfTheRunningDaemonWithTheTokenOfItsConfiguration() throws IOException {
        int apiPort = FreePort.pick();
        ApiClient api = start(apiPort);
        Answer first = api.post("/v1/nodes/replica-node-1/ports", "{\"owner\": \"app1-r2\"}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(api.post("/v1/nodes/replica-node-1/ports", "{\"owner\": \"app1-r3\"}").status()).isEqualTo(201);
        assertThat(api.delete("/v1/nodes/replica-node-1/ports/" + first.json().get("port")).status()).isEqualTo(204);

        assertThat(status()).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);

        assertThat(output())
                .startsWith("Steward proxy-7 (API http://127.0.0.1:" + apiPort + ")\n")
                .contains("  state       serving the newest revision\n")
                .contains("  revision    received 1, applied 1\n")
                .contains("  applies     1 reload, 0 runtime updates, 0 failed\n")
                .contains("  broadcasts  2 accepted, 0 rejected, 0 coalesced\n")
                .contains("  last error  none\n")
                .contains("HAProxy: serving revision 1\n")
                .containsPattern("  process     pid \\d+, spawn 1, 0 restarts\n")
                .containsPattern("  clients     http://127\\.0\\.0\\.1:\\d+/\n")
                .contains("  stderr      " + home.resolve("data/haproxy/logs/haproxy.1.stderr.log") + "\n")
                .contains("  old         none finishing connections\n")
                .contains("Routes: 1 group, 0 fallback targets (revision 1)\n")
                .contains("  app1  /app1  1 target\n")
                .contains("Ports (replica nodes):\n")
                .contains("  replica-node-1  1 allocated, 1 quarantined, 0 blocked\n");
    }

    @Test
    void saysWhereItLookedWhenNoStewardAnswers() throws IOException {
        int apiPort = FreePort.pick();
        Path conf = Files.createDirectories(home.resolve("conf")).resolve("steward.conf");
        Files.writeString(conf, "steward.api.bind = \"127.0.0.1:" + apiPort + "\"\n");

        assertThat(status()).isEqualTo(ExitCode.FAILED);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("steward: expected a running Steward to answer on"
                + " http://127.0.0.1:" + apiPort + " (steward.api.bind in " + conf + "), found nothing listening there:"
                + " is it running with this configuration?\n");
        assertThat(output()).isEmpty();
    }

    @Test
    void aTokenThatIsNotTheDaemonsIsNamedAsSuch() throws IOException {
        int apiPort = FreePort.pick();
        start(apiPort);
        Path conf = home.resolve("conf/steward.conf");
        Files.writeString(conf, Files.readString(conf).replace(TOKEN, "another-token-0123456789"));

        assertThat(status()).isEqualTo(ExitCode.FAILED);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("GET http://127.0.0.1:" + apiPort + "/v1/status was refused"
                + " (401): the running Steward wants a token, and steward.api.token in " + conf + " is not it");
    }
}
