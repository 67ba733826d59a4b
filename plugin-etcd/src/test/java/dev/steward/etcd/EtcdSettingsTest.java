package dev.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.steward.api.config.ConfigProblem;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.api.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdSettingsTest {
    @TempDir
    Path home;

    private EtcdSettings read(String overrides) {
        Config config = ConfigFactory.parseString(overrides, ConfigParseOptions.defaults().setOriginDescription("steward.conf"))
                .withFallback(TestSources.reference().getConfig("steward.sources.etcd")).resolve();
        return EtcdSettings.read(Settings.of(config, "steward.sources.etcd"), home::resolve);
    }

    private List<String> problems(String overrides) {
        try {
            read(overrides);
        } catch (InvalidConfigException invalid) {
            return invalid.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("no problem found in " + overrides);
    }

    @Test
    void theReferenceHoldsADefaultForEveryKey() {
        EtcdSettings settings = read("");

        assertThat(settings.connection().endpoints()).containsExactly(URI.create("http://127.0.0.1:2379"));
        assertThat(settings.layout().prefix()).isEqualTo("/steward");
        assertThat(settings.connection().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.connection().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.leaseTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.retry()).isEqualTo(new Backoff.Limits(Duration.ofMillis(250), Duration.ofSeconds(10)));
        assertThat(settings.connection().tls()).isEmpty();
        assertThat(settings.connection().credentials()).isEmpty();
    }

    @Test
    void readsEveryKey() throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/ca.pem"), "ca");
        Path cert = Files.writeString(home.resolve("client.pem"), "cert");
        Files.writeString(home.resolve("conf/client.key"), "key");
        EtcdSettings settings = read("""
                endpoints = ["https://10.0.0.1:2379", "https://etcd-2.example:2379/"]
                prefix = "/prod/steward"
                connect-timeout = 2s
                request-timeout = 3s
                lease-ttl = 30s
                retry { initial = 100ms, max = 5s }
                tls { ca-file = "conf/ca.pem", cert-file = "%s", key-file = "conf/client.key" }
                auth { user = steward, password = secret }
                """.formatted(cert));

        assertThat(settings.connection().endpoints())
                .containsExactly(URI.create("https://10.0.0.1:2379"), URI.create("https://etcd-2.example:2379"));
        assertThat(settings.layout().prefix()).isEqualTo("/prod/steward");
        assertThat(settings.connection().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.connection().requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.leaseTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.retry()).isEqualTo(new Backoff.Limits(Duration.ofMillis(100), Duration.ofSeconds(5)));
        assertThat(settings.connection().tls()).contains(new Connection.Tls(Optional.of(home.resolve("conf/ca.pem")),
                Optional.of(new Connection.ClientCertificate(cert, home.resolve("conf/client.key")))));
        assertThat(settings.connection().credentials()).contains(new Connection.Credentials("steward", "secret"));
        assertThat(settings.connection().credentials().orElseThrow().toString()).doesNotContain("secret");
    }

    @Test
    void everyBadValueIsReportedAtOnceWithItsPathAndLine() {
        assertThat(problems("""
                endpoints = ["http://127.0.0.1:2379", "127.0.0.1:2379", "https://127.0.0.1:2380"]
                prefix = "steward/"
                lease-ttl = 1s
                retry { initial = 2s, max = 1s }
                auth.user = steward
                """)).containsExactly(
                "steward.sources.etcd.endpoints (steward.conf:1): expected a URL such as http://127.0.0.1:2379 (http or"
                        + " https, a host and a port, no path), found \"127.0.0.1:2379\" (item 1)",
                "steward.sources.etcd.endpoints (steward.conf:1): mixes http and https URLs; use one scheme for all",
                "steward.sources.etcd.prefix (steward.conf:2): expected \"/\" followed by segments of [A-Za-z0-9_.-]"
                        + " separated by \"/\", without a trailing slash, such as /steward, found \"steward/\"",
                "steward.sources.etcd.lease-ttl (steward.conf:3): expected a duration from PT2S to PT1H, found PT1S",
                "steward.sources.etcd.retry.max (steward.conf:4): must be at least initial (PT2S), found PT1S",
                "steward.sources.etcd.auth.password: is required with user (or set STEWARD_ETCD_USER and"
                        + " STEWARD_ETCD_PASSWORD)");
    }

    @Test
    void tlsFilesNeedHttpsEndpointsAndACertificateNeedsItsKey() throws IOException {
        Files.writeString(home.resolve("ca.pem"), "ca");
        Files.writeString(home.resolve("client.pem"), "cert");
        assertThat(problems("tls.ca-file = ca.pem")).containsExactly(
                "steward.sources.etcd.tls.ca-file (steward.conf:1): is set but the endpoints are not https");
        assertThat(problems("endpoints = [\"https://127.0.0.1:2379\"]\ntls.cert-file = client.pem")).containsExactly(
                "steward.sources.etcd.tls.key-file: is required with cert-file: a client certificate needs both");
    }

    @Test
    void aTlsFileThatCannotBeReadIsNamed() {
        assertThat(problems("endpoints = [\"https://127.0.0.1:2379\"]\ntls.ca-file = missing.pem")).containsExactly(
                "steward.sources.etcd.tls.ca-file (steward.conf:2): cannot read " + home.resolve("missing.pem"));
    }

    @Test
    void httpsEndpointsWithoutFilesTrustTheJdksAuthorities() {
        assertThat(read("endpoints = [\"https://etcd.example:2379\"]").connection().tls())
                .contains(new Connection.Tls(Optional.empty(), Optional.empty()));
    }

    @Test
    void anEmptyListOfEndpointsIsRefused() {
        assertThatThrownBy(() -> read("endpoints = []")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("steward.sources.etcd.endpoints (steward.conf:1): expected at least one URL");
    }
}
