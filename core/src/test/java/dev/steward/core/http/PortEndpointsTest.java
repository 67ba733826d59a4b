package dev.steward.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.ports.ReleaseMode;
import dev.steward.core.testing.Answer;
import dev.steward.core.testing.ApiClient;
import dev.steward.core.testing.FakePortPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortEndpointsTest {
    private static final String OWNER = "{\"owner\": \"app1-r1\"}";

    @RegisterExtension
    final ApiFixture api = ApiFixture.started();
    private final ApiClient client = api.client();

    @Test
    void allocateIs201WithThePortAndItsLocation() {
        Answer answer = client.post("/v1/nodes/node-a/ports", OWNER);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json()).containsExactly(Map.entry("port", FakePortPolicy.FIRST));
        assertThat(answer.header("Location")).contains("/v1/nodes/node-a/ports/" + FakePortPolicy.FIRST);
    }

    @Test
    void anExhaustedNodeIs503WithTheCounts() {
        client.post("/v1/nodes/node-a/ports", OWNER);
        client.post("/v1/nodes/node-a/ports", OWNER);
        client.post("/v1/nodes/node-a/ports", OWNER);
        client.delete("/v1/nodes/node-a/ports/" + FakePortPolicy.FIRST);
        client.delete("/v1/nodes/node-a/ports/" + (FakePortPolicy.FIRST + 1) + "?block=true");

        Answer answer = client.post("/v1/nodes/node-a/ports", OWNER);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json()).containsEntry("field", "").containsEntry("allocated", 1).containsEntry("quarantined", 1)
                .containsEntry("blocked", 1);
        assertThat((String) answer.json().get("error"))
                .isEqualTo("no free port on node node-a: 1 allocated, 1 quarantined, 1 blocked");
    }

    @Test
    void releaseIs204AndPassesTheNewestAcceptedRevision() {
        client.put("/v1/target-groups", RoutingBodies.ONE_GROUP);
        client.put("/v1/fallback-targets", RoutingBodies.ONE_FALLBACK);
        client.post("/v1/nodes/node-a/ports", OWNER);

        Answer answer = client.delete("/v1/nodes/node-a/ports/" + FakePortPolicy.FIRST);

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.body()).isEmpty();
        assertThat(api.ports.releases())
                .containsExactly(new FakePortPolicy.Release("node-a", FakePortPolicy.FIRST, ReleaseMode.QUARANTINE, 2));
    }

    @Test
    void releaseWithBlockBlocksThePort() {
        client.post("/v1/nodes/node-a/ports", OWNER);

        assertThat(client.delete("/v1/nodes/node-a/ports/" + FakePortPolicy.FIRST + "?block=true").status()).isEqualTo(204);

        assertThat(api.ports.releases()).singleElement().satisfies(release ->
                assertThat(release.how()).isEqualTo(ReleaseMode.BLOCK));
    }

    @Test
    void listShowsAllocatedQuarantinedAndBlockedPorts() {
        client.post("/v1/nodes/node-a/ports", OWNER);
        client.post("/v1/nodes/node-a/ports", "{\"owner\": \"app1-r2\"}");
        client.post("/v1/nodes/node-a/ports", "{\"owner\": \"app1-r3\"}");
        client.delete("/v1/nodes/node-a/ports/" + FakePortPolicy.FIRST);
        client.delete("/v1/nodes/node-a/ports/" + (FakePortPolicy.FIRST + 1) + "?block=true");

        Answer answer = client.get("/v1/nodes/node-a/ports");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).containsExactly(
                Map.entry("allocated", List.of(Map.of("port", FakePortPolicy.LAST, "owner", "app1-r3"))),
                Map.entry("quarantined", List.of(Map.of("port", FakePortPolicy.FIRST, "releasedRevision", 0,
                        "notBefore", FakePortPolicy.NOT_BEFORE.toString()))),
                Map.entry("blocked", List.of(FakePortPolicy.FIRST + 1)));
    }

    @Test
    void recoverRegistersAPortFoundInUse() {
        Answer answer = client.post("/v1/nodes/node-a/ports/" + FakePortPolicy.LAST + "/recover", OWNER);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).containsExactly(Map.entry("port", FakePortPolicy.LAST));
        assertThat(client.get("/v1/nodes/node-a/ports").json().get("allocated"))
                .isEqualTo(List.of(Map.of("port", FakePortPolicy.LAST, "owner", "app1-r1")));
    }

    @Test
    void releasingAPortThatIsNotAllocatedIs409() {
        Answer answer = client.delete("/v1/nodes/node-a/ports/" + FakePortPolicy.FIRST);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json()).containsEntry("field", "port")
                .containsEntry("error", "port: port " + FakePortPolicy.FIRST + " is not allocated on node node-a");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            POST   | /v1/nodes/bad%20node/ports              | {"owner": "a"} |       | refused path "/v1/nodes/bad%20node/ports": the path segment "bad%20node" is not in canonical form
            POST   | /v1/nodes/bad.node!/ports               | {"owner": "a"} |       | refused path
            GET    | /v1/nodes/-dash/ports                   |                | node  | node: must match
            DELETE | /v1/nodes/node-a/ports/http             |                | port  | port: expected a port number from 1 to 65535, found "http"
            DELETE | /v1/nodes/node-a/ports/0                |                | port  | port: expected a port number
            DELETE | /v1/nodes/node-a/ports/65536            |                | port  | port: expected a port number
            DELETE | /v1/nodes/node-a/ports/20000?block=yes  |                | block | block: expected true or false, found "yes"
            DELETE | /v1/nodes/node-a/ports/20000?force=true |                | force | force: unknown query parameter; expected one of [block]
            POST   | /v1/nodes/node-a/ports/x/recover        | {"owner": "a"} | port  | port: expected a port number
            POST   | /v1/nodes/node-a/ports                  | {}             | owner | owner: is required
            POST   | /v1/nodes/node-a/ports                  | {"owner": 7}   | owner | owner: expected a string, found number 7
            POST   | /v1/nodes/node-a/ports                  | {"owner": "a", "node": "b"} | node | node: unknown field; expected [owner]
            POST   | /v1/nodes/node-a/ports                  | {"owner": "a b"} | owner | owner: must match
            POST   | /v1/nodes/node-a/ports/30000/recover    | {"owner": "a"} | port  | port: must be in the range
            POST   | /v1/nodes/node-a/ports                  | {"owner":      |       | malformed JSON at line 1
            """)
    void badPortRequestsAre400NamingTheField(String method, String path, String body, String field, String error) {
        Answer answer = switch (method) {
            case "POST" -> client.post(path, body);
            case "DELETE" -> client.delete(path);
            default -> client.get(path);
        };

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).containsEntry("field", field == null ? "" : field);
        assertThat((String) answer.json().get("error")).startsWith(error);
        assertThat(api.ports.releases()).isEmpty();
    }
}
