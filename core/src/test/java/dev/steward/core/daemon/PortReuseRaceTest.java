package dev.steward.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.testing.Answer;
import dev.steward.core.testing.ApiClient;
import dev.steward.core.testing.RunningDaemon;
import dev.steward.loopback.Replica;
import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race the port quarantine exists for, end to end: deployment A's replica is removed from
 * routing and its port released while requests for A keep arriving; deployment B asks for ports at
 * once. The coalescing window is made much longer than the quarantine window, and health checks
 * fast, so a timer alone would hand the port to B, HAProxy would find B's replica healthy on it, and
 * send A's requests there until the removal is applied.
 */
class PortReuseRaceTest {
    private static final String TOKEN = "race-test-token-0123456789";
    private static final String NODE = "replica-node-1";
    private static final Duration COALESCE = Duration.ofSeconds(4);
    private static final Duration LOAD_AFTER_REUSE = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private final List<Replica> replicas = new ArrayList<>();
    private final ExecutorService load = Executors.newFixedThreadPool(2);
    private RunningDaemon running;

    @AfterEach
    void stop() throws InterruptedException {
        load.shutdownNow();
        load.awaitTermination(10, TimeUnit.SECONDS);
        if (running != null) {
            running.close();
        }
        replicas.forEach(Replica::close);
    }

    @Test
    void aReleasedPortReachesAnotherDeploymentOnlyOnceHaproxyNoLongerRoutesToIt() throws Exception {
        int low = FreePort.range(4);
        running = RunningDaemon.start(home, TOKEN, """
                broadcast-sources = [http]
                coalesce.window = %dms
                port-quarantine { range = "%d-%d", window = 100ms }
                """.formatted(COALESCE.toMillis(), low, low + 3));
        ApiClient api = running.api();
        int released = allocate(api, "a-1");
        int kept = allocate(api, "a-2");
        Replica leaving = serve("a-1", released);
        serve("a-2", kept);
        api.put("/v1/target-groups", groupA(released, kept));
        running.awaitReady();

        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicLong answeredByA = new AtomicLong();
        AtomicLong misrouted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            clients.add(load.submit(() -> requestA(loading, answeredByA, misrouted, failed)));
        }

        Answer removal = api.put("/v1/target-groups", groupA(kept));
        long removalRevision = ((Number) removal.json().get("revision")).longValue();
        assertThat(api.delete("/v1/nodes/" + NODE + "/ports/" + released).status()).isEqualTo(204);
        leaving.close();

        int grantedToB = -1;
        long appliedAtGrant = -1;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (int replica = 1; grantedToB != released; replica++) {
            assertThat(System.nanoTime()).as("port %d never returned", released).isLessThan(deadline);
            Answer answer = api.post("/v1/nodes/" + NODE + "/ports", "{\"owner\": \"b-" + replica + "\"}");
            if (answer.status() == 503) {
                replica--;
                continue;
            }
            assertThat(answer.status()).isEqualTo(201);
            int port = ((Number) answer.json().get("port")).intValue();
            if (port == released) {
                appliedAtGrant = appliedRevision(api);
                grantedToB = port;
            }
            serve("b-" + replica, port);
        }
        running.awaitReady();
        long loadUntil = System.nanoTime() + LOAD_AFTER_REUSE.toNanos();
        while (System.nanoTime() < loadUntil) {
            Thread.onSpinWait();
        }
        loading.set(false);
        for (Future<?> client : clients) {
            client.get(10, TimeUnit.SECONDS);
        }

        assertThat(answeredByA.get()).as("requests for A answered by A").isPositive();
        assertThat(misrouted.get()).as("requests for A answered by B (%d failed)", failed.get()).isZero();
        assertThat(appliedAtGrant).as("the revision HAProxy served when the port went to B").isGreaterThanOrEqualTo(removalRevision);
    }

    private void requestA(AtomicBoolean loading, AtomicLong answeredByA, AtomicLong misrouted, AtomicLong failed) {
        while (loading.get()) {
            try {
                HttpResponse<String> response = running.viaProxy("/a");
                if (response.statusCode() != 200) {
                    failed.incrementAndGet();
                } else if (response.body().startsWith("a-")) {
                    answeredByA.incrementAndGet();
                } else {
                    misrouted.incrementAndGet();
                }
            } catch (IOException failure) {
                failed.incrementAndGet();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Replica serve(String id, int port) {
        Replica replica = Replica.startOn(id, port);
        replicas.add(replica);
        return replica;
    }

    private static int allocate(ApiClient api, String owner) {
        Answer answer = api.post("/v1/nodes/" + NODE + "/ports", "{\"owner\": \"" + owner + "\"}");
        assertThat(answer.status()).isEqualTo(201);
        return ((Number) answer.json().get("port")).intValue();
    }

    @SuppressWarnings("unchecked")
    private static long appliedRevision(ApiClient api) {
        Map<String, Object> revision = (Map<String, Object>) api.get("/v1/status").json().get("revision");
        return ((Number) revision.get("applied")).longValue();
    }

    private static String groupA(int... ports) {
        StringBuilder targets = new StringBuilder();
        for (int i = 0; i < ports.length; i++) {
            targets.append(i == 0 ? "" : ", ").append("""
                    {"host": "127.0.0.1", "port": %d, "replicaId": "a-port-%d"}""".formatted(ports[i], ports[i]));
        }
        return """
                {"targetGroups": [{"name": "a", "routePrefix": "/a", "targets": [%s],
                  "healthCheck": {"intervalMs": 200, "rise": 1, "fall": 1}}]}
                """.formatted(targets);
    }
}
