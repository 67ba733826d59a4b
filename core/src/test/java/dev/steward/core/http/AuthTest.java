package dev.steward.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.testing.Answer;
import dev.steward.core.testing.ApiClient;
import java.net.http.HttpRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthTest {
    @RegisterExtension
    final ApiFixture api = ApiFixture.started(Optional.of(ApiFixture.TOKEN), true);
    private final ApiClient anonymous = api.client();
    private final ApiClient authorized = anonymous.withToken(ApiFixture.TOKEN);

    @ParameterizedTest
    @ValueSource(strings = {"/v1/status", "/v1/state", "/v1/nodes/node-a/ports", "/v1/no-such-thing"})
    void everyV1CallWithoutTheTokenIs401(String path) {
        Answer answer = anonymous.get(path);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).contains("Bearer realm=\"steward\"");
        assertThat(answer.json()).containsEntry("field", "");
    }

    @Test
    void aWrongTokenIs401AndChangesNothing() {
        Answer answer = anonymous.withToken(ApiFixture.TOKEN + "x").put("/v1/target-groups", RoutingBodies.ONE_GROUP);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json()).containsEntry("error", "the bearer token is wrong");
        assertThat(api.engine.state().revision()).isZero();
    }

    @Test
    void anotherSchemeIs401() {
        Answer answer = anonymous.send("GET", "/v1/status", HttpRequest.BodyPublishers.noBody(),
                "Authorization", "Basic " + ApiFixture.TOKEN);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json()).containsEntry("error", "the Authorization header must use the Bearer scheme");
    }

    @Test
    void theRightTokenOpensV1() {
        assertThat(authorized.get("/v1/status").status()).isEqualTo(200);
        assertThat(authorized.put("/v1/target-groups", RoutingBodies.ONE_GROUP).status()).isEqualTo(202);
        assertThat(authorized.get("/v1/no-such-thing").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1%2Fstatus", "/-/../v1/status", "/metrics/../v1/state"})
    void aPathThatOnlyLooksOpenReachesNoV1Endpoint(String path) {
        Answer answer = anonymous.send("GET", path, HttpRequest.BodyPublishers.noBody());

        assertThat(answer.status()).isEqualTo(400);
        assertThat((String) answer.json().get("error")).startsWith("refused path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/-/healthz", "/-/ready", "/metrics"})
    void probesAndMetricsStayOpen(String path) {
        assertThat(anonymous.get(path).status()).isEqualTo(200);
    }

    @Test
    void withoutATokenV1IsOpen() {
        try (ApiFixture open = ApiFixture.started()) {
            assertThat(open.client().get("/v1/status").status()).isEqualTo(200);
        }
    }
}
