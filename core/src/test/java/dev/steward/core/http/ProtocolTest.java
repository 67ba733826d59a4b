package dev.steward.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.testing.Answer;
import dev.steward.core.testing.ApiClient;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What any request learns about paths and methods, whatever the endpoint. */
class ProtocolTest {
    @RegisterExtension
    final ApiFixture api = ApiFixture.started();
    private final ApiClient client = api.client();

    @ParameterizedTest
    @ValueSource(strings = {"/", "/v2/status", "/v1/status/", "/v1/nodes/node-a", "/v1/nodes/node-a/ports/20000/steal", "/metrics/x"})
    void anUnknownPathIs404(String path) {
        Answer answer = client.get(path);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json()).containsEntry("field", "");
        assertThat((String) answer.json().get("error")).startsWith("no endpoint at \"" + path + "\"");
    }

    @Test
    void aWrongMethodIs405WithTheAllowedOnes() {
        Answer answer = client.send("POST", "/v1/status", HttpRequest.BodyPublishers.noBody());

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).contains("GET");
        assertThat(answer.json()).containsEntry("field", "")
                .containsEntry("error", "method POST is not allowed on \"/v1/status\"; allowed: GET");
    }

    @Test
    void aPathWithSeveralMethodsListsThemAll() {
        Answer answer = client.send("PATCH", "/v1/nodes/node-a/ports", HttpRequest.BodyPublishers.noBody());

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).contains("GET, POST");
    }

    @Test
    void getOnAPutEndpointIs405() {
        Answer answer = client.get("/v1/target-groups");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).contains("PUT");
    }

    @Test
    void anUnknownQueryParameterIs400NamingIt() {
        Answer answer = client.get("/v1/status?verbose=1");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).containsEntry("field", "verbose")
                .containsEntry("error", "verbose: unknown query parameter; expected none");
    }

    @Test
    void everyAnswerIsUncachedJson() {
        Answer answer = client.get("/v1/status");

        assertThat(answer.header("Content-Type")).contains("application/json");
        assertThat(answer.header("Cache-Control")).contains("no-store");
    }
}
