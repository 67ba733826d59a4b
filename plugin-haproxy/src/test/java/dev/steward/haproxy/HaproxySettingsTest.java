package dev.steward.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.steward.api.ConfigProblem;
import dev.steward.api.InvalidConfigException;
import dev.steward.api.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
        assertThat(settings.logs()).isEqualTo(new LogLimits(10L * 1024 * 1024, 10));
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.stopTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.configCheckTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.reconcileInterval()).isEqualTo(Duration.ofSeconds(10));
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
    void environmentOverridesBinaryAndBind() {
        var environment = ConfigFactory.parseMap(Map.of(
                "STEWARD_HAPROXY_BINARY", "/opt/haproxy/sbin/haproxy",
                "STEWARD_HAPROXY_BIND", "[::1]:9000"));
        // Root-level keys stand in for the environment, which substitutions consult after the root.
        var subtree = environment.withFallback(TestSettings.reference()).resolve().getConfig(TestSettings.PATH);

        HaproxySettings settings = HaproxySettings.read(Settings.of(subtree, TestSettings.PATH));

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

        assertThatThrownBy(() -> HaproxySettings.read(Settings.of(subtree, TestSettings.PATH)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("steward.haproxy.bind: is required");
    }
}
