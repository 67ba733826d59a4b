package dev.steward.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.RoutingState;
import dev.steward.core.testing.Answer;
import dev.steward.core.testing.ApiClient;
import dev.steward.core.testing.PrometheusText;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingEndpointsTest {
    @RegisterExtension
    final ApiFixture api = ApiFixture.started();
    private final ApiClient client = api.client();

    @Test
    void targetGroupsAreAcceptedAt202WithTheRevisionAndApplied() {
        Answer answer = client.put("/v1/target-groups", RoutingBodies.ONE_GROUP);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json()).containsExactly(Map.entry("revision", 1));
        api.awaitApplied(1);
        RoutingState applied = api.backend.applied().getLast();
        assertThat(applied.revision()).isEqualTo(1);
        assertThat(applied.targetGroups().groups()).singleElement().satisfies(group -> {
            assertThat(group.name()).isEqualTo("app1");
            assertThat(group.targets()).singleElement().satisfies(target -> assertThat(target.port()).isEqualTo(20001));
        });
    }

    @Test
    void fallbackTargetsAreAcceptedBesideTheTargetGroups() {
        client.put("/v1/target-groups", RoutingBodies.ONE_GROUP);
        Answer answer = client.put("/v1/fallback-targets", RoutingBodies.ONE_FALLBACK);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json()).containsEntry("revision", 2);
        RoutingState state = api.engine.state();
        assertThat(state.targetGroups().groups()).hasSize(1);
        assertThat(state.fallbackTargets().targets()).singleElement()
                .satisfies(target -> assertThat(target.replicaId()).isEqualTo("fallback-1"));
    }

    @Test
    void aStateWhoseRevisionCannotBeStoredIs503AndChangesNothing() {
        // Nothing was accepted yet, so the first broadcast must reserve revisions on disk.
        api.store.failReservations(true);

        Answer refused = client.put("/v1/target-groups", RoutingBodies.ONE_GROUP);

        assertThat(refused.status()).isEqualTo(503);
        assertThat((String) refused.json().get("error")).startsWith("not accepted, the last accepted state keeps serving: ")
                .contains("disk full");
        assertThat(api.engine.state()).isEqualTo(RoutingState.EMPTY);

        api.store.failReservations(false);
        Answer accepted = client.put("/v1/target-groups", RoutingBodies.ONE_GROUP);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json()).containsExactly(Map.entry("revision", 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a bad name                 | {"targetGroups": [{"name": "app 1", "routePrefix": "/a", "targets": []}]}                 | targetGroups[0].name                | must match
            a string for a port        | {"targetGroups": [{"name": "a", "routePrefix": "/a", "targets": [{"host": "127.0.0.1", "port": "80", "replicaId": "r"}]}]} | targetGroups[0].targets[0].port | expected an integer, found string "80"
            an unknown field           | {"targetGroups": [{"name": "a", "routePrefix": "/a", "targets": [], "weight": 3}]}        | targetGroups[0].weight              | unknown field
            an unknown top-level field | {"targetGroups": [], "fallbackTargets": []}                                                | fallbackTargets                     | unknown field
            an object for the list     | {"targetGroups": {}}                                                                       | targetGroups                        | expected an array, found an object
            a missing list             | {}                                                                                         | targetGroups                        | is required
            a null list                | {"targetGroups": null}                                                                     | targetGroups                        | is required
            the kind in other case     | {"TargetGroups": []}                                                                       | TargetGroups                        | unknown field
            a duplicate route          | {"targetGroups": [{"name": "a", "routePrefix": "/a", "targets": []}, {"name": "b", "routePrefix": "/a", "targets": []}]} | targetGroups[1].routePrefix | duplicates the route
            a fractional port          | {"targetGroups": [{"name": "a", "routePrefix": "/a", "targets": [{"host": "127.0.0.1", "port": 80.5, "replicaId": "r"}]}]} | targetGroups[0].targets[0].port | expected an integer, found 80.5
            a huge port                | {"targetGroups": [{"name": "a", "routePrefix": "/a", "targets": [{"host": "127.0.0.1", "port": 1e400, "replicaId": "r"}]}]} | targetGroups[0].targets[0].port | out of range
            """)
    void aBadTargetGroupsBodyIs400NamingTheFullPathAndChangesNothing(String what, String body, String field, String reason) {
        client.put("/v1/target-groups", RoutingBodies.ONE_GROUP);

        Answer answer = client.put("/v1/target-groups", body);

        assertThat(answer.status()).as(what).isEqualTo(400);
        assertThat(answer.json()).containsEntry("field", field);
        assertThat((String) answer.json().get("error")).startsWith(field + ": ").contains(reason);
        assertThat(api.engine.state().revision()).isEqualTo(1);
        assertThat(api.engine.state().targetGroups().groups()).extracting(group -> group.name()).containsExactly("app1");
    }

    @Test
    void aBadFallbackTargetIs400NamingItsPath() {
        Answer answer = client.put("/v1/fallback-targets",
                "{\"fallbackTargets\": [{\"host\": \"127.0.0.1\", \"port\": 0, \"replicaId\": \"f\"}]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).containsEntry("field", "fallbackTargets[0].port");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a missing bracket  | {"targetGroups": [}                     | malformed JSON at line 1, column 19: Unexpected close marker '}': expected ']' (for Array starting at line 1, column 18)
            a trailing object  | {"targetGroups": []} {}                 | malformed JSON at line 1, column 22: unexpected content after the JSON value
            trailing garbage   | {"targetGroups": []} x                  | malformed JSON at line 1, column 22
            a comment          | {"targetGroups": [] /* none */}         | malformed JSON at line 1, column 21
            a duplicate key    | {"targetGroups": [], "targetGroups": []} | Duplicate field 'targetGroups'
            a single quote     | {'targetGroups': []}                    | malformed JSON at line 1, column 2
            an array           | []                                      | expected a JSON object, found an array
            a bare string      | "targetGroups"                          | expected a JSON object, found string
            null               | null                                    | expected a JSON object, found null
            """)
    void malformedJsonIs400WithTheLocationAndAnEmptyField(String what, String body, String message) {
        Answer answer = client.put("/v1/target-groups", body);

        assertThat(answer.status()).as(what).isEqualTo(400);
        assertThat(answer.json()).containsEntry("field", "");
        assertThat((String) answer.json().get("error")).contains(message);
        assertThat(api.engine.state().revision()).isZero();
    }

    @Test
    void aDeeplyNestedBodyIsRefusedByTheParser() {
        Answer answer = client.put("/v1/target-groups", "{\"targetGroups\": " + "[".repeat(1000) + "]".repeat(1000) + "}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat((String) answer.json().get("error")).startsWith("malformed JSON at line 1").contains("nesting depth");
    }

    @Test
    void theLocationOfMalformedJsonCountsLines() {
        Answer answer = client.put("/v1/target-groups", "{\n  \"targetGroups\": [\n    {\"name\": \"a\",}\n  ]\n}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat((String) answer.json().get("error")).startsWith("malformed JSON at line 3, column 18: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " \n\t "})
    void anEmptyBodyIs400(String body) {
        Answer answer = client.put("/v1/target-groups", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).containsEntry("error", "the body is empty; expected a JSON object").containsEntry("field", "");
    }

    @Test
    void aNonJsonContentTypeIs415() {
        Answer answer = client.send("PUT", "/v1/target-groups", HttpRequest.BodyPublishers.ofString(RoutingBodies.ONE_GROUP),
                "Content-Type", "application/x-www-form-urlencoded");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json()).containsEntry("field", "");
        assertThat(api.engine.state().revision()).isZero();
    }

    @Test
    void aBodyOverTheLimitIs413AndTheConnectionIsClosed() {
        String big = "{\"targetGroups\": [], \"padding\": \"" + "x".repeat((int) ApiFixture.MAX_BODY) + "\"}";

        Answer answer = client.put("/v1/target-groups", big);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json()).containsEntry("field", "");
        assertThat((String) answer.json().get("error")).contains("exceeds the limit of " + ApiFixture.MAX_BODY + " bytes");
        assertThat(answer.header("Connection")).contains("close");
        assertThat(api.engine.state().revision()).isZero();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() {
        byte[] big = ("{\"targetGroups\": [], \"padding\": \"" + "x".repeat((int) ApiFixture.MAX_BODY) + "\"}").getBytes(StandardCharsets.UTF_8);

        Answer answer = client.send("PUT", "/v1/target-groups",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)),
                "Content-Type", "application/json");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(api.engine.state().revision()).isZero();
    }

    @Test
    void everyRejectionIsCountedByTheEngineUnderTheKindOfTheEndpoint() {
        client.put("/v1/target-groups", "{");
        client.put("/v1/target-groups", "{\"targetGroups\": 1}");
        client.put("/v1/fallback-targets", "[]");

        assertThat(api.engine.status().rejected()).isEqualTo(3);
        assertThat(api.engine.status().accepted()).isZero();
        PrometheusText metrics = PrometheusText.parse(api.metrics.scrape());
        assertThat(metrics.value("steward_broadcasts_total", "source", "http", "kind", "target_groups", "outcome", "rejected"))
                .contains(2.0);
        assertThat(metrics.value("steward_broadcasts_total", "source", "http", "kind", "fallback_targets", "outcome", "rejected"))
                .contains(1.0);
    }

    @Test
    void withoutTheHttpSourceThePutEndpointsAre404SayingSo() {
        try (ApiFixture withoutSource = ApiFixture.started(Optional.empty(), false)) {
            ApiClient other = withoutSource.client();

            for (String path : List.of("/v1/target-groups", "/v1/fallback-targets")) {
                Answer answer = other.put(path, RoutingBodies.ONE_GROUP);

                assertThat(answer.status()).isEqualTo(404);
                assertThat((String) answer.json().get("error")).contains("the http broadcast source is disabled")
                        .contains("steward.broadcast-sources");
            }
            assertThat(withoutSource.engine.state().revision()).isZero();
        }
    }
}
