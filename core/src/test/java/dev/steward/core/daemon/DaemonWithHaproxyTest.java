package dev.steward.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.testing.Answer;
import dev.steward.core.testing.ApiClient;
import dev.steward.core.testing.PrometheusText;
import dev.steward.core.testing.RunningDaemon;
import dev.steward.loopback.Replica;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole daemon as {@code steward run} assembles it, with the real HAProxy and port-quarantine
 * plugins found through ServiceLoader, driven through its HTTP API only.
 */
class DaemonWithHaproxyTest {
    private static final String TOKEN = "daemon-test-token-0123456789";
    /** Long enough that the readiness check right after a PUT falls inside it. */
    private static final Duration WINDOW = Duration.ofSeconds(3);

    @TempDir
    Path home;

    private Replica first;
    private Replica second;
    private RunningDaemon running;
    private ApiClient api;

    @BeforeEach
    void start() {
        first = Replica.start("app1-r1");
        second = Replica.start("app1-r2");
        running = RunningDaemon.start(home, TOKEN, """
                node-id = proxy-1
                broadcast-sources = [http]
                coalesce.window = %dms
                """.formatted(WINDOW.toMillis()));
        api = running.api();
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
        first.close();
        second.close();
    }

    @Test
    void aPutIsServedByHaproxyAndReadyTurns200AfterIt() {
        Answer accepted = api.put("/v1/target-groups", groupOf(first));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json()).containsEntry("revision", 1);
        Answer pending = api.get("/-/ready");
        assertThat(pending.status()).isEqualTo(503);
        assertThat(pending.json()).containsEntry("reason", "revision 1 accepted, 0 applied");

        running.awaitReady();

        assertThat(api.get("/-/ready").json()).containsEntry("revision", 1);
        assertThat(viaProxy("/app1")).isEqualTo("app1-r1");
        Map<String, Object> status = api.get("/v1/status").json();
        assertThat(status.get("revision")).isEqualTo(Map.of("received", 1, "applied", 1));
        assertThat(object(status.get("haproxy")).get("pid")).isInstanceOf(Integer.class);
    }

    @Test
    void countersMoveAsBroadcastsAndAppliesHappenAndABadPutChangesNothing() {
        api.put("/v1/target-groups", groupOf(first));
        running.awaitReady();
        PrometheusText before = scrape();

        Answer refused = api.put("/v1/target-groups", groupOf(first).replace("\"app1\"", "\"app 1\""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json()).containsEntry("field", "targetGroups[0].name");
        api.put("/v1/target-groups", groupOf(first, second));
        running.awaitReady();
        PrometheusText after = scrape();

        assertThat(delta(before, after, "steward_broadcasts_total", "source", "http", "kind", "target_groups",
                "outcome", "accepted")).isEqualTo(1);
        assertThat(delta(before, after, "steward_broadcasts_total", "source", "http", "kind", "target_groups",
                "outcome", "rejected")).isEqualTo(1);
        double applies = delta(before, after, "steward_applies_total", "mode", "runtime", "outcome", "ok")
                + delta(before, after, "steward_applies_total", "mode", "reload", "outcome", "ok");
        assertThat(applies).isEqualTo(1);
        assertThat(after.value("steward_revision", "stage", "applied")).contains(2.0);
        assertThat(after.value("steward_convergence_seconds_count")).contains(2.0);
        assertThat(List.of(viaProxy("/app1"), viaProxy("/app1"), viaProxy("/app1"), viaProxy("/app1")))
                .contains("app1-r1", "app1-r2");
    }

    @Test
    void theTokenGuardsV1WhileProbesAndMetricsStayOpen() {
        ApiClient anonymous = api.withoutToken();

        assertThat(anonymous.put("/v1/target-groups", groupOf(first)).status()).isEqualTo(401);
        assertThat(anonymous.get("/v1/status").status()).isEqualTo(401);
        assertThat(anonymous.get("/-/healthz").status()).isEqualTo(200);
        assertThat(anonymous.get("/-/ready").status()).isEqualTo(200);
        assertThat(anonymous.get("/metrics").status()).isEqualTo(200);
        assertThat(api.get("/v1/state").json()).containsEntry("revision", 0);
    }

    @Test
    void portsComeFromTheConfiguredPolicyAndAReleaseRecordsTheNewestRevision() {
        api.put("/v1/target-groups", groupOf(first));

        Answer allocated = api.post("/v1/nodes/replica-node-1/ports", "{\"owner\": \"app1-r3\"}");
        assertThat(allocated.status()).isEqualTo(201);
        int port = (Integer) allocated.json().get("port");
        assertThat(api.delete("/v1/nodes/replica-node-1/ports/" + port).status()).isEqualTo(204);

        Map<String, Object> ports = api.get("/v1/nodes/replica-node-1/ports").json();
        assertThat(ports.get("allocated")).isEqualTo(List.of());
        assertThat(ports.get("quarantined")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .singleElement().satisfies(held -> assertThat(object(held))
                        .containsEntry("port", port).containsEntry("releasedRevision", 1));
        assertThat(api.delete("/v1/nodes/replica-node-1/ports/" + port).status()).isEqualTo(409);
        assertThat(scrape().value("steward_ports", "node", "replica-node-1", "state", "quarantined")).contains(1.0);
    }

    @Test
    void whatWasAcceptedOverHttpIsServedAgainAfterARestartWithoutBeingSentAgain() {
        assertThat(api.put("/v1/target-groups", groupOf(second)).status()).as("accepted, not applied yet").isEqualTo(202);
        running.close();

        running = RunningDaemon.start(home, TOKEN, """
                broadcast-sources = [http]
                coalesce.window = 50ms
                """);
        api = running.api();

        assertThat(viaProxy("/app1")).isEqualTo("app1-r2");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json) {
        return (Map<String, Object>) json;
    }

    private PrometheusText scrape() {
        Answer answer = api.withoutToken().get("/metrics");
        assertThat(answer.status()).isEqualTo(200);
        return PrometheusText.parse(answer.body());
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.value(name, labels).orElseThrow() - before.value(name, labels).orElseThrow();
    }

    private static String groupOf(Replica... replicas) {
        StringBuilder targets = new StringBuilder();
        for (Replica replica : replicas) {
            targets.append(targets.isEmpty() ? "" : ", ").append("""
                    {"host": "127.0.0.1", "port": %d, "replicaId": "%s"}""".formatted(replica.port(), replica.id()));
        }
        return """
                {"targetGroups": [{"name": "app1", "routePrefix": "/app1", "targets": [%s]}]}
                """.formatted(targets);
    }

    private String viaProxy(String path) {
        try {
            HttpResponse<String> response = running.viaProxy(path);
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (IOException failure) {
            throw new AssertionError("request to HAProxy for " + path + " failed", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }
}
