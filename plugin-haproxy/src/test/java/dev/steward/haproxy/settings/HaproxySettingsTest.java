package dev.steward.haproxy.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.typesafe.config.ConfigFactory;
import dev.steward.api.config.ConfigProblem;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.api.config.Settings;
import dev.steward.api.proxy.RetirementBound;
import dev.steward.haproxy.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaproxySettingsTest {
    @Test
    void referenceConfHoldsEveryDefault() {
        HaproxySettings settings = TestSettings.read(Map.of());

        assertThat(settings.binary()).isEqualTo(System.getenv().getOrDefault("STEWARD_HAPROXY_BINARY", "haproxy"));
        assertThat(settings.bind().toString()).isEqualTo(System.getenv().getOrDefault("STEWARD_HAPROXY_BIND", "127.0.0.1:8080"));
        assertThat(settings.timeouts()).isEqualTo(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(2)));
        assertThat(settings.retries()).isEqualTo(3);
        assertThat(settings.observeErrorLimit()).isEqualTo(3);
        assertThat(settings.hardStopAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.closeSpreadTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.poolMinSize()).isEqualTo(8);
        assertThat(settings.logs()).isEqualTo(new LogLimits(10L * 1024 * 1024, 10, 1));
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.stopTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.configCheckTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.reconcileInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.debugOutput()).isFalse();
        assertThat(settings.safeRetries()).isTrue();
        assertThat(settings.socketHandover()).isTrue();
        assertThat(settings.runtimeUpdates()).isTrue();
        assertThat(settings.retiring()).isEqualTo(new RetiringLimits(5, Duration.ofSeconds(30)));
        assertThat(settings.restart()).isEqualTo(new RestartPolicy(Duration.ofMillis(100), Duration.ofSeconds(30)));
        assertThat(settings.accessLog()).isEqualTo(new AccessLogSettings(AccessLogTarget.STEWARD, new BindAddress("127.0.0.1", 514),
                "local0", 10_000));
        assertThat(settings.gatewayErrorStatus()).isEmpty();
        assertThat(settings.tlsCertificate()).isEmpty();
    }

    @Test
    void anOldProcessRoutesAtMostUntilItsTakeoverItsWaitAndHardStopAfterHavePassed() {
        assertThat(TestSettings.read(Map.of()).retirementBound()).isEqualTo(new RetirementBound(
                Duration.ofMinutes(5).plusSeconds(40), "start-timeout 10s + retiring.wait 30s + hard-stop-after 5m"));
        assertThat(TestSettings.read(Map.of("hard-stop-after", "30m", "start-timeout", "1500ms", "retiring.wait", "0s"))
                .retirementBound())
                .isEqualTo(new RetirementBound(Duration.ofMinutes(30).plusMillis(1500),
                        "start-timeout 1500ms + retiring.wait 0ms + hard-stop-after 30m"));
    }

    @Test
    void drainAndReconcileCanBeTurnedOffButNotNegative() {
        HaproxySettings off = TestSettings.read(Map.of("drain-timeout", "0s", "reconcile-interval", "0s"));

        assertThat(off.drainTimeout()).isZero();
        assertThat(off.reconcileInterval()).isZero();
        assertThatThrownBy(() -> TestSettings.read(Map.of("drain-timeout", "-1s", "reconcile-interval", "2d")))
                .isInstanceOfSatisfying(InvalidConfigException.class, invalid -> assertThat(invalid.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactly("steward.haproxy.drain-timeout", "steward.haproxy.reconcile-interval"));
    }

    @Test
    void everyNewSettingIsReadAndACertificatePathResolvesAgainstTheHome(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/proxy.pem"), "a PEM file");

        HaproxySettings settings = HaproxySettings.read(Settings.of(TestSettings.subtree(Map.ofEntries(
                Map.entry("debug-output", true),
                Map.entry("safe-retries", false),
                Map.entry("socket-handover", false),
                Map.entry("runtime-updates", false),
                Map.entry("log-rotations", 3),
                Map.entry("retiring.max", 2),
                Map.entry("retiring.wait", "5s"),
                Map.entry("restart.delay", "50ms"),
                Map.entry("restart.max-delay", "10s"),
                Map.entry("access-log.target", "syslog"),
                Map.entry("access-log.syslog-address", "[::1]:5514"),
                Map.entry("access-log.facility", "daemon"),
                Map.entry("gateway-error-status", "503"),
                Map.entry("tls.certificate", "conf/proxy.pem"))), TestSettings.PATH), home);

        assertThat(settings.debugOutput()).isTrue();
        assertThat(settings.safeRetries()).isFalse();
        assertThat(settings.socketHandover()).isFalse();
        assertThat(settings.runtimeUpdates()).isFalse();
        assertThat(settings.logs().rotations()).isEqualTo(3);
        assertThat(settings.retiring()).isEqualTo(new RetiringLimits(2, Duration.ofSeconds(5)));
        assertThat(settings.restart()).isEqualTo(new RestartPolicy(Duration.ofMillis(50), Duration.ofSeconds(10)));
        assertThat(settings.accessLog()).isEqualTo(new AccessLogSettings(AccessLogTarget.SYSLOG, new BindAddress("::1", 5514),
                "daemon", 10_000));
        assertThat(settings.gatewayErrorStatus()).hasValue(503);
        assertThat(settings.tlsCertificate()).hasValue(home.resolve("conf/proxy.pem"));
    }

    @Test
    void badNewSettingsAreReportedWithTheirPaths(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("conf.d"));

        assertThatThrownBy(() -> HaproxySettings.read(Settings.of(TestSettings.subtree(Map.of(
                        "retiring.max", 0,
                        "restart.delay", "2s",
                        "restart.max-delay", "1s",
                        "access-log.target", "file",
                        "access-log.syslog-address", "logs:514 local0",
                        "access-log.facility", "local9",
                        "gateway-error-status", 404,
                        "tls.certificate", "conf.d")), TestSettings.PATH), home))
                .isInstanceOfSatisfying(InvalidConfigException.class, invalid -> assertThat(invalid.problems())
                        .extracting(ConfigProblem::path, ConfigProblem::reason)
                        .containsExactly(
                                tuple("steward.haproxy.retiring.max", "expected an integer from 1 to 1000, found 0"),
                                tuple("steward.haproxy.restart.max-delay", "must not be shorter than delay (PT2S), found PT1S"),
                                tuple("steward.haproxy.access-log.target", "expected one of steward, syslog, off, found \"file\""),
                                tuple("steward.haproxy.access-log.syslog-address", "expected " + BindAddress.EXPECTED
                                        + ", found \"logs:514 local0\""),
                                tuple("steward.haproxy.access-log.facility",
                                        "expected a syslog facility such as local0, daemon or user, found \"local9\""),
                                tuple("steward.haproxy.gateway-error-status",
                                        "expected \"keep\" or one of 500, 502, 503, 504, found \"404\""),
                                tuple("steward.haproxy.tls.certificate", "expected a readable PEM file with the certificate chain"
                                        + " and private key, found \"" + home.resolve("conf.d") + "\", which Steward cannot read")));
    }

    @Test
    void aCertificatePathThatCouldInjectADirectiveIsRefused(@TempDir Path home) throws IOException {
        Files.writeString(home.resolve("my cert.pem"), "a PEM file");

        assertThatThrownBy(() -> HaproxySettings.read(Settings.of(TestSettings.subtree(Map.of("tls.certificate", "my cert.pem")),
                        TestSettings.PATH), home))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("steward.haproxy.tls.certificate")
                .hasMessageContaining("letters, digits and / . _ + - only");
    }

    @Test
    void environmentOverridesBinaryAndBind() {
        var environment = ConfigFactory.parseMap(Map.of(
                "STEWARD_HAPROXY_BINARY", "/opt/haproxy/sbin/haproxy",
                "STEWARD_HAPROXY_BIND", "[::1]:9000"));
        // Root-level keys stand in for the environment, which substitutions consult after the root.
        var subtree = environment.withFallback(TestSettings.reference()).resolve().getConfig(TestSettings.PATH);

        HaproxySettings settings = HaproxySettings.read(Settings.of(subtree, TestSettings.PATH), Path.of("/"));

        assertThat(settings.binary()).isEqualTo("/opt/haproxy/sbin/haproxy");
        assertThat(settings.bind()).isEqualTo(new BindAddress("::1", 9000));
    }

    @Test
    void everyBadValueIsReportedWithItsPath() {
        assertThatThrownBy(() -> TestSettings.read(Map.of(
                        "bind", "127.0.0.1:8080 ssl crt /x",
                        "timeouts.connect", "0s",
                        "hard-stop-after", "30d",
                        "retries", -1,
                        "pool-min-size", 0,
                        "log-max-size", "lots")))
                .isInstanceOfSatisfying(InvalidConfigException.class, invalid -> assertThat(invalid.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactly(
                                "steward.haproxy.bind",
                                "steward.haproxy.timeouts.connect",
                                "steward.haproxy.retries",
                                "steward.haproxy.hard-stop-after",
                                "steward.haproxy.pool-min-size",
                                "steward.haproxy.log-max-size"));
    }

    @Test
    void aBindThatCouldInjectADirectiveIsRefused() {
        for (String bind : new String[] {"127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", "host:80\nbind 0.0.0.0:81",
                "ex#ample.com:80", "[::1:80", "[127.0.0.1]:80", "::1:80", "*:80", ":80"}) {
            assertThatThrownBy(() -> TestSettings.read(Map.of("bind", bind)))
                    .as(bind)
                    .isInstanceOfSatisfying(InvalidConfigException.class, invalid -> assertThat(invalid.problems())
                            .singleElement()
                            .satisfies(problem -> {
                                assertThat(problem.path()).isEqualTo("steward.haproxy.bind");
                                assertThat(problem.reason()).startsWith("expected host:port");
                            }));
        }
    }

    @Test
    void closeSpreadTimeMustFitInHardStopAfter() {
        assertThatThrownBy(() -> TestSettings.read(Map.of("hard-stop-after", "10s", "close-spread-time", "1m")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("steward.haproxy.close-spread-time")
                .hasMessageContaining("must not be longer than hard-stop-after");
    }

    @Test
    void aMissingKeyIsReportedAsRequired() {
        var subtree = TestSettings.subtree(Map.of()).withoutPath("bind");

        assertThatThrownBy(() -> HaproxySettings.read(Settings.of(subtree, TestSettings.PATH), Path.of("/")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("steward.haproxy.bind: is required");
    }
}
