package dev.steward.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.TargetGroups;
import dev.steward.core.testing.Answer;
import dev.steward.core.testing.ApiClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatusAndStateEndpointsTest {
    @RegisterExtension
    final ApiFixture api = ApiFixture.started();
    private final ApiClient client = api.client();

    @Test
    void statusHasTheShapeOfTheInterface() {
        client.put("/v1/target-groups", RoutingBodies.ONE_GROUP);
        client.put("/v1/target-groups", "{}");
        api.awaitApplied(1);

        Map<String, Object> status = client.get("/v1/status").json();

        assertThat(status).containsOnlyKeys("node", "revision", "applies", "broadcasts", "haproxy", "lastError", "degraded", "failing");
        assertThat(status).containsEntry("node", "node-1").containsEntry("lastError", null).containsEntry("degraded", false)
                .containsEntry("failing", null);
        assertThat(status.get("revision")).isEqualTo(Map.of("received", 1, "applied", 1));
        assertThat(status.get("applies")).isEqualTo(Map.of("reload", 2, "runtime", 0, "failed", 0));
        assertThat(status.get("broadcasts")).isEqualTo(Map.of("accepted", 1, "rejected", 1, "coalesced", 0));
        @SuppressWarnings("unchecked")
        Map<String, Object> haproxy = (Map<String, Object>) status.get("haproxy");
        assertThat(haproxy).containsOnlyKeys("pid", "spawn", "restarts", "stderrLog", "detail", "retiring")
                .containsEntry("pid", 4242).containsEntry("spawn", 1).containsEntry("restarts", 0)
                .containsEntry("stderrLog", null).containsEntry("detail", "recording").containsEntry("retiring", List.of());
    }

    @Test
    void statusShowsNullsOnlyForWhatDoesNotExist() {
        api.backend.close();

        @SuppressWarnings("unchecked")
        Map<String, Object> haproxy = (Map<String, Object>) client.get("/v1/status").json().get("haproxy");

        assertThat(haproxy).containsEntry("pid", null).containsEntry("stderrLog", null).containsEntry("spawn", 0);
    }

    @Test
    void stateIsTheAcceptedRoutingStateWithItsRevision() {
        client.put("/v1/target-groups", RoutingBodies.ONE_GROUP);
        client.put("/v1/fallback-targets", RoutingBodies.ONE_FALLBACK);

        Map<String, Object> state = client.get("/v1/state").json();

        assertThat(state).containsOnlyKeys("revision", "targetGroups", "fallbackTargets").containsEntry("revision", 2);
        assertThat(state.get("targetGroups")).isEqualTo(List.of(Map.of(
                "name", "app1", "routePrefix", "/app1", "balance", "roundrobin",
                "targets", List.of(Map.of("host", "127.0.0.1", "port", 20001, "replicaId", "app1-r1", "weight", 1)),
                "healthCheck", Map.of("intervalMs", 2000, "rise", 2, "fall", 3), "retry", "all-methods")));
        assertThat(state.get("fallbackTargets")).isEqualTo(List.of(
                Map.of("host", "127.0.0.1", "port", 20100, "replicaId", "fallback-1", "weight", 1)));
    }

    @Test
    void theStateReadsBackAsABodyThePutTakes() {
        client.put("/v1/target-groups", RoutingBodies.ONE_GROUP);
        TargetGroups first = api.engine.state().targetGroups();
        Map<String, Object> state = client.get("/v1/state").json();

        Answer answer = client.put("/v1/target-groups",
                new String(Json.write(Map.of("targetGroups", state.get("targetGroups"))), StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json()).containsEntry("revision", 2);
        assertThat(api.engine.state().targetGroups()).isEqualTo(first);
    }
}
