package dev.steward.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.PluginContext;
import dev.steward.api.ProxyBackend;
import dev.steward.api.ProxyBackendProvider;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.api.model.RoutingState;
import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.output.AccessLogReceiver;
import dev.steward.haproxy.process.Supervisor;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaproxyBackendProviderTest {
    @TempDir
    Path home;

    private final RecordingMetrics metrics = new RecordingMetrics();

    @Test
    void theModuleProvidesTheHaproxyBackend() {
        ModuleDescriptor descriptor = HaproxyBackendProvider.class.getModule().getDescriptor();

        assertThat(descriptor.provides())
                .anySatisfy(provides -> {
                    assertThat(provides.service()).isEqualTo(ProxyBackendProvider.class.getName());
                    assertThat(provides.providers()).containsExactly(HaproxyBackendProvider.class.getName());
                });
        assertThat(descriptor.exports()).isEmpty();
        assertThat(new HaproxyBackendProvider().name()).isEqualTo("haproxy");
        assertThat(new HaproxyBackendProvider().settingsKey()).isEqualTo("haproxy");
    }

    @Test
    void createsABackendFromItsSettingsSubtree() {
        try (ProxyBackend backend = new HaproxyBackendProvider().create(context(Map.of("bind", "127.0.0.1:18080"),
                home.resolve("data/haproxy")))) {
            assertThat(backend.render(RoutingState.EMPTY))
                    .contains("bind 127.0.0.1:18080")
                    .contains("stats socket " + home.resolve("data/haproxy/run/admin.sock"));
            assertThat(backend.status().detail()).isEqualTo("not started");
        }
        assertThat(metrics.names()).contains(Supervisor.RESTARTS_METRIC, AccessLogReceiver.DROPPED_METRIC);
    }

    @Test
    void aMissingCertificateIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> new HaproxyBackendProvider().create(context(Map.of("tls.certificate", "conf/missing.pem"),
                home.resolve("data"))))
                .isInstanceOfSatisfying(InvalidConfigException.class, invalid -> assertThat(invalid.problems())
                        .singleElement()
                        .satisfies(problem -> {
                            assertThat(problem.path()).isEqualTo("steward.haproxy.tls.certificate");
                            assertThat(problem.reason()).contains("no file at " + home.resolve("conf/missing.pem"));
                        }));
    }

    @Test
    void badSettingsAreAllReported() {
        assertThatThrownBy(() -> new HaproxyBackendProvider().create(context(Map.of("bind", "nope", "retries", "many"),
                home.resolve("data"))))
                .isInstanceOfSatisfying(InvalidConfigException.class, invalid -> assertThat(invalid.problems())
                        .extracting(problem -> problem.path())
                        .containsExactly("steward.haproxy.bind", "steward.haproxy.retries"));
    }

    @Test
    void aDataDirectoryTooLongForTheAdminSocketIsAConfigError() {
        Path deep = home.resolve("d".repeat(100));

        assertThatThrownBy(() -> new HaproxyBackendProvider().create(context(Map.of(), deep)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("steward.data-dir")
                .hasMessageContaining("HAProxy accepts at most 97");
    }

    @Test
    void aDataDirectoryThatCouldInjectADirectiveIsAConfigError() {
        assertThatThrownBy(() -> new HaproxyBackendProvider().create(context(Map.of(), home.resolve("a b#c"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("steward.data-dir")
                .hasMessageContaining("may only hold letters, digits");
    }

    private PluginContext context(Map<String, ?> overrides, Path dataDirectory) {
        return new PluginContext("haproxy", TestSettings.subtree(overrides), TestSettings.PATH, "node-1", home, dataDirectory,
                TimeSource.system(), metrics);
    }
}
