package dev.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.CommandContext;
import dev.steward.testkit.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source and the publish command against an etcd that wants TLS client certificates, or a user and password. */
class SecureEtcdTest {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final String ROOT = "--user=root:root-password";

    @TempDir
    Path temp;

    private final RecordingSink sink = new RecordingSink();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void followsAndAcknowledgesOverTlsWithAClientCertificate() throws IOException {
        TestCertificates certificates = TestCertificates.create(temp.resolve("tls"));
        try (EtcdServer etcd = EtcdServer.startWithTls(temp, certificates)) {
            Path state = state(20001, "r1");
            assertThat(publish(Map.of(), "--etcd", etcd.endpoint().toString(), "--prefix", TestSources.PREFIX, "--state",
                    state.toString(), "--cacert", certificates.ca().toString(), "--cert",
                    certificates.clientCertificate().toString(), "--key", certificates.clientKey().toString()))
                    .as(err.toString(StandardCharsets.UTF_8)).isZero();
            long revision = Long.parseLong(out.toString(StandardCharsets.UTF_8).strip());

            try (EtcdBroadcastSource source = TestSources.create(etcd.endpoint(), "node-a", metrics, temp, """
                    tls { ca-file = "%s", cert-file = "%s", key-file = "%s" }
                    """.formatted(certificates.ca(), certificates.clientCertificate(), certificates.clientKey()))) {
                source.start(sink);
                assertThat(sink.revision()).isEqualTo(1);
                source.applied(1);
                Eventually.await("the acknowledgement", DEADLINE, () -> etcd.etcdctl("get", TestSources.PREFIX + "/acks/node-a",
                        "--print-value-only").contains("\"applied\": " + revision));
            }
        }
    }

    @Test
    void followsAndAcknowledgesAsAnEtcdUserAndAWrongPasswordOnlyDelaysTheNode() throws IOException {
        try (EtcdServer etcd = EtcdServer.start(temp)) {
            enableAuthentication(etcd);
            Path password = Files.writeString(temp.resolve("password"), "steward-password\n");
            assertThat(publish(Map.of(), "--etcd", etcd.endpoint().toString(), "--prefix", TestSources.PREFIX, "--state",
                    state(20001, "r1").toString(), "--user", "steward", "--password-file", password.toString()))
                    .as(err.toString(StandardCharsets.UTF_8)).isZero();

            try (EtcdBroadcastSource wrong = TestSources.create(etcd.endpoint(), "node-b", metrics, temp,
                    "auth { user = steward, password = wrong }")) {
                RecordingSink refused = new RecordingSink();
                wrong.start(refused);
                assertThat(refused.accepted()).isEmpty();
                assertThat(metrics.value("steward_etcd_failures_total", "read")).isPositive();
            }
            try (EtcdBroadcastSource source = TestSources.create(etcd.endpoint(), "node-a", new RecordingMetrics(), temp,
                    "auth { user = steward, password = steward-password }")) {
                source.start(sink);
                assertThat(sink.revision()).isEqualTo(1);
                source.applied(1);
                Eventually.await("the acknowledgement", DEADLINE, () -> etcd.etcdctl(ROOT, "get",
                        TestSources.PREFIX + "/acks/node-a", "--print-value-only").contains("\"applied\""));
            }
        }
    }

    @Test
    void thePublishCommandTakesThePasswordFromTheEnvironment() throws IOException {
        try (EtcdServer etcd = EtcdServer.start(temp)) {
            enableAuthentication(etcd);

            assertThat(publish(Map.of(PublishArguments.PASSWORD_VARIABLE, "steward-password"), "--etcd",
                    etcd.endpoint().toString(), "--prefix", TestSources.PREFIX, "--state", state(20001, "r1").toString(),
                    "--user", "steward")).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(publish(Map.of(PublishArguments.PASSWORD_VARIABLE, "wrong"), "--etcd", etcd.endpoint().toString(),
                    "--prefix", TestSources.PREFIX, "--state", state(20001, "r1").toString(), "--user", "steward",
                    "--timeout", "1s")).isEqualTo(CommandContext.FAILED);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("steward publish: nothing was written");
        }
    }

    /** A root user, and user steward allowed to read and write under the test prefix only. */
    private static void enableAuthentication(EtcdServer etcd) {
        etcd.etcdctl("user", "add", "root", "--new-user-password=root-password", "--interactive=false");
        etcd.etcdctl("user", "add", "steward", "--new-user-password=steward-password", "--interactive=false");
        etcd.etcdctl("role", "add", "fleet");
        etcd.etcdctl("role", "grant-permission", "fleet", "--prefix=true", "readwrite", TestSources.PREFIX + "/");
        etcd.etcdctl("user", "grant-role", "steward", "fleet");
        etcd.etcdctl("auth", "enable");
    }

    private Path state(int port, String replica) throws IOException {
        return Files.writeString(temp.resolve("state.json"), """
                {"targetGroups": [{"name": "app", "routePrefix": "/app",
                  "targets": [{"host": "127.0.0.1", "port": %d, "replicaId": "%s"}]}],
                 "fallbackTargets": []}
                """.formatted(port, replica));
    }

    private int publish(Map<String, String> environment, String... words) {
        out.reset();
        return new PublishCommandProvider(environment).run(new CommandContext(List.of(words), temp,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }
}
