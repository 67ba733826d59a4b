package dev.steward.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.steward.api.time.TimeSource;
import dev.steward.core.http.ApiServer;
import dev.steward.core.metrics.PrometheusMetrics;
import dev.steward.core.source.http.HttpBroadcastSource;
import dev.steward.core.testing.ApiClient;
import dev.steward.core.testing.FakePortPolicy;
import dev.steward.core.testing.RecordingBackend;
import dev.steward.testkit.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API as the daemon wires it: Guice, the life cycle, the configuration keys. */
class DaemonApiTest {
    private static final String BODY = """
            {"targetGroups": [{"name": "app1", "routePrefix": "/app1",
              "targets": [{"host": "127.0.0.1", "port": 20001, "replicaId": "app1-r1"}]}]}
            """;

    @TempDir
    Path home;

    private final RecordingBackend backend = new RecordingBackend();
    private Injector injector;

    private Daemon daemon(String config, boolean httpSource) throws IOException {
        Path file = Files.createDirectories(home.resolve("conf")).resolve("steward.conf");
        Files.writeString(file, config);
        Bootstrapped bootstrapped = Bootstrap.load(home, file, true);
        List<NamedSource> sources = httpSource
                ? List.of(new NamedSource("http", new HttpBroadcastSource(home.resolve("data/http/changes.journal"))))
                : List.of();
        Plugins plugins = new Plugins(backend, new FakePortPolicy(), sources);
        injector = Guice.createInjector(Stage.PRODUCTION,
                new StewardModule(bootstrapped, plugins, new PrometheusMetrics(), TimeSource.system()));
        return injector.getInstance(Daemon.class);
    }

    private ApiClient client() {
        return new ApiClient(injector.getInstance(ApiServer.class).uri().orElseThrow(), Optional.empty());
    }

    @Test
    void aPutIsAppliedAndReadyTurns200ThenStopClosesTheApi() throws IOException {
        Daemon daemon = daemon("""
                steward {
                  node-id = proxy-1
                  broadcast-sources = [http]
                  api { bind = "127.0.0.1:0", request-timeout = 2s, max-body = 4KiB }
                }
                """, true);
        daemon.start();
        URI uri = injector.getInstance(ApiServer.class).uri().orElseThrow();
        try {
            ApiClient client = client();

            assertThat(client.put("/v1/target-groups", BODY).json()).containsEntry("revision", 1);
            Eventually.await("readiness", Duration.ofSeconds(20), () -> client.get("/-/ready").status() == 200);

            assertThat(client.get("/-/ready").json()).containsEntry("revision", 1);
            assertThat(backend.applied().getLast().targetGroups().groups()).hasSize(1);
            assertThat(client.get("/v1/status").json()).containsEntry("node", "proxy-1");
            assertThat(client.put("/v1/target-groups", "{\"targetGroups\": [], \"pad\": \"" + "x".repeat(5000) + "\"}")
                    .status()).as("steward.api.max-body = 4KiB").isEqualTo(413);
        } finally {
            daemon.stop();
        }

        ApiClient afterStop = new ApiClient(uri, Optional.empty());
        assertThatThrownBy(() -> afterStop.get("/-/healthz")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void withoutTheHttpSourceTheApiStillServesStatusButRefusesPuts() throws IOException {
        Daemon daemon = daemon("""
                steward {
                  broadcast-sources = []
                  api { bind = "127.0.0.1:0", request-timeout = 2s }
                }
                """, false);
        daemon.start();
        try {
            ApiClient client = client();

            assertThat(client.get("/v1/status").status()).isEqualTo(200);
            assertThat(client.put("/v1/target-groups", BODY).status()).isEqualTo(404);
        } finally {
            daemon.stop();
        }
    }
}
