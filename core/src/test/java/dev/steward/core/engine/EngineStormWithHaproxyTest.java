package dev.steward.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.ProxyBackend;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.api.time.TimeSource;
import dev.steward.core.daemon.Bootstrap;
import dev.steward.core.daemon.Bootstrapped;
import dev.steward.core.daemon.PluginAssembly;
import dev.steward.core.metrics.PrometheusMetrics;
import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coalescing contract against a real HAProxy: a storm ends served, with a bounded number of reloads. */
class EngineStormWithHaproxyTest {
    private static final Duration WINDOW = Duration.ofMillis(100);
    private static final int BROADCASTS = 500;
    private static final Duration STORM = Duration.ofSeconds(2);

    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Replica first;
    private Replica second;
    private ProxyBackend backend;
    private ReloadEngine engine;
    private int proxyPort;

    @BeforeEach
    void start() throws IOException {
        first = Replica.start("first");
        second = Replica.start("second");
        proxyPort = FreePort.pick();
        Path conf = Files.createDirectories(home.resolve("conf")).resolve("steward.conf");
        Files.writeString(conf, """
                steward {
                  broadcast-sources = []
                  coalesce.window = %dms
                  haproxy.bind = "127.0.0.1:%d"
                }
                """.formatted(WINDOW.toMillis(), proxyPort));
        Bootstrapped bootstrapped = Bootstrap.load(home, conf, true);
        PrometheusMetrics metrics = new PrometheusMetrics();
        backend = new PluginAssembly(bootstrapped, TimeSource.system(), metrics).createBackend();
        backend.start();
        engine = new ReloadEngine(backend, bootstrapped.settings().coalesce(), new ExecutorApplyScheduler(),
                TimeSource.system(), metrics, List.of(),
                new FileAppliedStateStore(home.resolve("data/engine/applied-state.json")));
        engine.start();
        Eventually.await("the first apply", Duration.ofSeconds(10), () -> engine.status().converged());
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.stop();
        }
        if (backend != null) {
            backend.close();
        }
        first.close();
        second.close();
    }

    @Test
    void aStormOfFiveHundredBroadcastsEndsServedWithBoundedReloads() {
        long spawnsBefore = spawns(backend);

        long stormStart = System.nanoTime();
        long spacing = STORM.toNanos() / BROADCASTS;
        for (int i = 0; i < BROADCASTS; i++) {
            LockSupport.parkNanos(Math.max(0, stormStart + i * spacing - System.nanoTime()));
            engine.accept("storm", List.of(broadcast(i)));
        }
        Duration stormTook = Duration.ofNanos(System.nanoTime() - stormStart);
        Eventually.await("the last state applied", Duration.ofSeconds(15), () -> engine.status().converged());

        assertThat(get("/app")).isEqualTo(replicaOf(BROADCASTS - 2).id());
        long reloads = spawns(backend) - spawnsBefore;
        long bound = Math.max(STORM.toMillis(), stormTook.toMillis()) / WINDOW.toMillis() + 2;
        assertThat(reloads).as("HAProxy spawns during a storm of %s", stormTook).isLessThanOrEqualTo(bound);
        assertThat(engine.status().receivedRevision()).isEqualTo(BROADCASTS);
    }

    /**
     * Even broadcasts change the groups, with a group name never seen before so that each one needs a
     * reload; odd ones change the fallback targets.
     */
    private Broadcast broadcast(int i) {
        if (i % 2 == 1) {
            return new FallbackTargets(List.of(new Target("127.0.0.1", 30000 + i, "fallback-" + i)));
        }
        Replica replica = replicaOf(i);
        return new TargetGroups(List.of(
                new TargetGroup("app", "/app", List.of(new Target("127.0.0.1", replica.port(), replica.id()))),
                new TargetGroup("burst-" + i, "/burst-" + i, List.of())));
    }

    private Replica replicaOf(int i) {
        return (i / 2) % 2 == 0 ? first : second;
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + path)).timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (IOException failure) {
            throw new AssertionError("request to " + path + " failed", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }

    /** HAProxy's spawn counter, as status shows it. */
    private static long spawns(ProxyBackend backend) {
        return (Long) backend.status().details().get("spawn");
    }
}
