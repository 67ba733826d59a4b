package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The etcd plugin as it ships, in lib/etcd/ with its own dependencies, loaded by the built image into a
 * layer of its own: listed, publishing, following, acknowledging, and gone from the fleet when killed.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EtcdFleetIT extends ImageTest {
    private static final Duration START = Duration.ofSeconds(30);
    private static final String PREFIX = "/it";
    private static final String NODE = "proxy-1";

    private Etcd etcd;

    @BeforeEach
    void prepare() {
        etcd = Etcd.start(temp.resolve("etcd"));
    }

    @AfterEach
    void stopEtcd() {
        etcd.close();
    }

    @Test
    void pluginsListsTheSourceAndTheCommandFromTheirFolder() {
        Launch launch = Launch.run(distribution.launcher(), temp, Launch.userEnvironment(), "plugins");

        assertThat(launch.exitCode()).as(launch.toString()).isZero();
        String folder = distribution.lib().resolve("etcd").toString();
        assertThat(launch.stdout())
                .containsPattern("etcd\\s+broadcast-source\\s+dev.steward.etcd\\s+" + Distribution.version() + "\\s+" + folder)
                .containsPattern("publish\\s+command\\s+dev.steward.etcd\\s+" + Distribution.version() + "\\s+" + folder)
                .doesNotContain("skipped");
        assertThat(launch.stderr()).doesNotContain("WARNING");
    }

    @Test
    void aNodeServesWhatIsPublishedAcknowledgesItAndLeavesTheFleetWhenKilled() throws IOException {
        try (Replica replica = Replica.start("replica-1")) {
            Path state = Files.writeString(temp.resolve("state.json"), """
                    {"targetGroups": [{"name": "app1", "routePrefix": "/app1",
                      "targets": [{"host": "127.0.0.1", "port": %d, "replicaId": "app1-r1"}]}],
                     "fallbackTargets": []}
                    """.formatted(replica.port()));
            Launch publish = Launch.run(distribution.launcher(), temp, Launch.userEnvironment(), "publish", "--etcd",
                    etcd.endpoint(), "--prefix", PREFIX, "--state", state.toString());
            assertThat(publish.exitCode()).as(publish.toString()).isZero();
            long revision = Long.parseLong(publish.stdout().strip());

            int proxyPort = FreePort.pick();
            Path config = Files.writeString(temp.resolve("steward.conf"), """
                    steward {
                      node-id = "%s"
                      data-dir = "%s"
                      api.bind = "127.0.0.1:%d"
                      broadcast-sources = [etcd]
                      port-gate.scope = fleet
                      haproxy.bind = "127.0.0.1:%d"
                      sources.etcd { endpoints = ["%s"], prefix = "%s", lease-ttl = 2s }
                    }
                    """.formatted(NODE, temp.resolve("data"), FreePort.pick(), proxyPort, etcd.endpoint(), PREFIX));
            RunningSteward steward = RunningSteward.start(distribution, config, temp);
            try (Proxy proxy = new Proxy(proxyPort)) {
                Eventually.await("/app1 served", START, () -> steward.isAlive() ? proxy.get("/app1") : "exited",
                        answer -> answer.equals("200 replica-1") || answer.equals("exited"));
                assertThat(steward.isAlive()).as(steward::log).isTrue();
                Eventually.await("the acknowledgement", START, () -> etcd.get(PREFIX + "/acks/" + NODE),
                        ack -> ack.startsWith("{\"applied\": " + revision + ","));

                steward.kill();

                Eventually.await("the acknowledgement gone with the lease", Duration.ofSeconds(15),
                        () -> etcd.get(PREFIX + "/acks/" + NODE), String::isEmpty);
            } finally {
                steward.close();
            }
        }
    }
}
