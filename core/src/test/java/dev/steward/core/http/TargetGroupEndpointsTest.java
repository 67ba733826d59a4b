package dev.steward.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.core.testing.Answer;
import dev.steward.core.testing.ApiClient;
import dev.steward.core.testing.PrometheusText;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code PUT} and {@code DELETE /v1/target-groups/{name}}: one group changed in the state being served. */
class TargetGroupEndpointsTest {
    private static final String APP2 = """
            {"routePrefix": "/app2", "targets": [{"host": "127.0.0.1", "port": 20002, "replicaId": "app2-r1"}]}
            """;

    @RegisterExtension
    final ApiFixture api = ApiFixture.started();
    private final ApiClient client = api.client();

    private static TargetGroup group(String name, String prefix, int port) {
        return new TargetGroup(name, prefix, List.of(new Target("127.0.0.1", port, name + "-r1")));
    }

    /** Groups app1 and app3 set by another source, as the file source would. */
    private long fromTheFile() {
        return api.engine.accept("file", List.of(new TargetGroups(List.of(group("app1", "/app1", 20001),
                group("app3", "/app3", 20003)))));
    }

    private List<String> served() {
        return api.engine.state().targetGroups().groups().stream().map(TargetGroup::name).toList();
    }

    @Test
    void aPutAddsTheGroupBesideTheGroupsAnotherSourceSetAt202WithTheRevision() {
        long before = fromTheFile();

        Answer answer = client.put("/v1/target-groups/app2", APP2);

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.json()).containsExactly(Map.entry("revision", (int) before + 1));
        assertThat(served()).containsExactly("app1", "app3", "app2");
        api.awaitApplied(before + 1);
        assertThat(api.backend.applied().getLast().targetGroups().group("app2").orElseThrow().routePrefix()).isEqualTo("/app2");
    }

    @Test
    void aPutReplacesOnlyThatGroupInPlace() {
        fromTheFile();

        Answer answer = client.put("/v1/target-groups/app1",
                "{\"name\": \"app1\", \"routePrefix\": \"/one\", \"targets\": [], \"balance\": \"leastconn\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(served()).containsExactly("app1", "app3");
        TargetGroups groups = api.engine.state().targetGroups();
        assertThat(groups.group("app1").orElseThrow().routePrefix()).isEqualTo("/one");
        assertThat(groups.group("app1").orElseThrow().targets()).isEmpty();
        assertThat(groups.group("app3")).contains(group("app3", "/app3", 20003));
        assertThat(client.get("/v1/state").json().get("targetGroups")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(2);
    }

    @Test
    void aDeleteRemovesOnlyThatGroup() {
        long before = fromTheFile();

        Answer answer = client.delete("/v1/target-groups/app1");

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.json()).containsExactly(Map.entry("revision", (int) before + 1));
        assertThat(served()).containsExactly("app3");
    }

    @Test
    void deletingAGroupThatIsNotThereIs404NamingItUsesNoRevisionAndIsCounted() {
        long before = fromTheFile();

        Answer answer = client.delete("/v1/target-groups/app9");

        assertThat(answer.status()).isEqualTo(404);
        assertThat((String) answer.json().get("error")).contains("no target group named \"app9\"");
        assertThat(api.engine.state().revision()).isEqualTo(before);
        assertThat(client.delete("/v1/target-groups/app1").json()).as("the next revision, none skipped")
                .containsEntry("revision", (int) before + 1);
        assertThat(PrometheusText.parse(api.metrics.scrape()).value("steward_broadcasts_total", "source", "http", "kind",
                "target_group", "outcome", "rejected")).contains(1.0);
    }

    @Test
    void aPutWhoseRouteIsAnotherGroupsIs400NamingTheFieldAndChangesNothing() {
        long before = fromTheFile();

        Answer answer = client.put("/v1/target-groups/app2", "{\"routePrefix\": \"/app3\", \"targets\": []}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).containsEntry("field", "routePrefix");
        assertThat((String) answer.json().get("error")).contains("duplicates the route of group \"app3\"");
        assertThat(api.engine.state().revision()).isEqualTo(before);
        assertThat(served()).containsExactly("app1", "app3");
    }

    @Test
    void aBodyNamingAnotherGroupIs400() {
        Answer answer = client.put("/v1/target-groups/app2", "{\"name\": \"app1\", \"routePrefix\": \"/app2\", \"targets\": []}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).containsEntry("field", "name");
        assertThat((String) answer.json().get("error")).contains("must be \"app2\", the group of the path");
        assertThat(api.engine.state().revision()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown field      | {"routePrefix": "/a", "targets": [], "weight": 3}                                         | weight            | unknown field
            a missing prefix      | {"targets": []}                                                                           | routePrefix       | is required
            a bad port            | {"routePrefix": "/a", "targets": [{"host": "127.0.0.1", "port": 0, "replicaId": "r"}]}    | targets[0].port   | between 1 and 65535
            a list for the group  | []                                                                                        | ''                | expected a JSON object
            """)
    void aBadBodyIs400NamingTheFieldAndChangesNothing(String what, String body, String field, String reason) {
        Answer answer = client.put("/v1/target-groups/app2", body);

        assertThat(answer.status()).as(what).isEqualTo(400);
        assertThat(answer.json()).containsEntry("field", field);
        assertThat((String) answer.json().get("error")).contains(reason);
        assertThat(api.engine.state().revision()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"~app", ".app", "-app", "_app", "app~1",
            "a1234567890123456789012345678901234567890123456789012345678901234"})
    void aNameInThePathOutsideTheNameAlphabetIs400ForPutAndDelete(String name) {
        fromTheFile();
        long before = api.engine.state().revision();

        for (Answer answer : List.of(client.put("/v1/target-groups/" + name, APP2), client.delete("/v1/target-groups/" + name))) {
            assertThat(answer.status()).as(name).isEqualTo(400);
            assertThat(answer.json()).as(name).containsEntry("field", "name");
            assertThat((String) answer.json().get("error")).contains("must match [A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
        }
        assertThat(api.engine.state().revision()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app%31", "app%2F1", "app1;x", "..", "."})
    void aNameSpelledAnyOtherWayIsRefusedBeforeItIsRead(String name) {
        fromTheFile();
        long before = api.engine.state().revision();

        assertThat(client.delete("/v1/target-groups/" + name).status()).as(name).isIn(400, 404);
        assertThat(api.engine.state().revision()).isEqualTo(before);
        assertThat(served()).containsExactly("app1", "app3");
    }

    @Test
    void theLimitsAndTypesOfTheWholeStatePutHoldForOneGroup() {
        String big = "{\"routePrefix\": \"/a\", \"targets\": [], \"pad\": \"" + "x".repeat((int) ApiFixture.MAX_BODY) + "\"}";
        assertThat(client.put("/v1/target-groups/app2", big).status()).isEqualTo(413);
        assertThat(client.send("PUT", "/v1/target-groups/app2", HttpRequest.BodyPublishers.ofString(APP2),
                "Content-Type", "text/plain").status()).isEqualTo(415);
        assertThat(client.put("/v1/target-groups/app2", "{").status()).isEqualTo(400);
        assertThat(client.get("/v1/target-groups/app2").status()).isEqualTo(405);
        assertThat(api.engine.state().revision()).isZero();
    }

    @Test
    void aChangeOfOneGroupAfterAWholePutChangesThatGroupOnly() {
        client.put("/v1/target-groups", RoutingBodies.ONE_GROUP);
        client.put("/v1/target-groups/app2", APP2);
        client.put("/v1/target-groups", RoutingBodies.ONE_GROUP);

        assertThat(served()).as("a whole PUT replaces every group").containsExactly("app1");
        assertThat(client.put("/v1/target-groups/app2", APP2).json()).containsEntry("revision", 4);
        assertThat(served()).containsExactly("app1", "app2");
    }

    @Test
    void withoutTheHttpSourceTheGroupRoutesAre404SayingSo() {
        try (ApiFixture withoutSource = ApiFixture.started(Optional.empty(), false)) {
            ApiClient other = withoutSource.client();

            for (Answer answer : List.of(other.put("/v1/target-groups/app2", APP2), other.delete("/v1/target-groups/app2"))) {
                assertThat(answer.status()).isEqualTo(404);
                assertThat((String) answer.json().get("error")).contains("the http broadcast source is disabled")
                        .contains("steward.broadcast-sources");
            }
        }
    }
}
