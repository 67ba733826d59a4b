package dev.steward.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingDecoderTest {
    private static Map<String, Object> target(Object host, Object port, Object replicaId) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("host", host);
        target.put("port", port);
        target.put("replicaId", replicaId);
        return target;
    }

    private static Map<String, Object> group(String name, String prefix, List<?> targets) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", name);
        group.put("routePrefix", prefix);
        group.put("targets", targets);
        return group;
    }

    @Test
    void decodesAFullDocument() {
        Map<String, Object> group = group("app1", "/app1", List.of(target("127.0.0.1", 20001, "app1-r1")));
        group.put("balance", "leastconn");
        group.put("routeHost", "example.com");
        group.put("healthCheck", Map.of("path", "/healthz", "intervalMs", 500, "rise", 1, "fall", 2));
        Object tree = Map.of("targetGroups", List.of(group),
                "fallbackTargets", List.of(target("127.0.0.1", 20100, "fallback-1")));

        RoutingDocument document = RoutingDecoder.document(tree);

        TargetGroup decoded = document.targetGroups().groups().getFirst();
        assertThat(decoded.name()).isEqualTo("app1");
        assertThat(decoded.balance()).isEqualTo(Balance.LEAST_CONN);
        assertThat(decoded.routeHost()).contains("example.com");
        assertThat(decoded.healthCheck()).isEqualTo(new HealthCheck(Optional.of("/healthz"), Duration.ofMillis(500), 1, 2));
        assertThat(decoded.targets()).containsExactly(new Target("127.0.0.1", 20001, "app1-r1"));
        assertThat(document.fallbackTargets().targets()).containsExactly(new Target("127.0.0.1", 20100, "fallback-1"));
    }

    @Test
    void aDocumentNamesBothKindsAndAnEmptyListSaysNone() {
        RoutingDocument document = RoutingDecoder.document(Map.of("targetGroups", List.of(), "fallbackTargets", List.of()));
        assertThat(document.targetGroups()).isEqualTo(TargetGroups.NONE);
        assertThat(document.fallbackTargets()).isEqualTo(FallbackTargets.NONE);
    }

    @Test
    void aDocumentWithoutAKindIsRefusedNotReadAsEmpty() {
        String rule = ": is required: a routing document names both targetGroups and fallbackTargets, with an empty list ([])"
                + " for none";
        assertThatThrownBy(() -> RoutingDecoder.document(Map.of())).hasMessage("targetGroups" + rule);
        assertThatThrownBy(() -> RoutingDecoder.document(Map.of("fallbackTargets", List.of()))).hasMessage("targetGroups" + rule);
        assertThatThrownBy(() -> RoutingDecoder.document(Map.of("targetGroups", List.of()))).hasMessage("fallbackTargets" + rule);
        Map<String, Object> nullKind = new java.util.HashMap<>(Map.of("targetGroups", List.of()));
        nullKind.put("fallbackTargets", null);
        assertThatThrownBy(() -> RoutingDecoder.document(nullKind)).hasMessage("fallbackTargets" + rule);
    }

    @Test
    void aBodyOfOneKindMustNameIt() {
        assertThatThrownBy(() -> RoutingDecoder.targetGroups(Map.of()))
                .hasMessage("targetGroups: is required: a document of target groups names them, with an empty list ([]) for none");
        assertThatThrownBy(() -> RoutingDecoder.fallbackTargets(Map.of())).hasMessage(
                "fallbackTargets: is required: a document of fallback targets names them, with an empty list ([]) for none");
        assertThatThrownBy(() -> RoutingDecoder.targetGroups(Map.of("targetgroups", List.of())))
                .hasMessage("targetgroups: unknown field; expected one of [targetGroups]");
        assertThatThrownBy(() -> RoutingDecoder.fallbackTargets(Map.of("FallbackTargets", List.of())))
                .hasMessage("FallbackTargets: unknown field; expected one of [fallbackTargets]");
    }

    @Test
    void namesTheFullPathOfABadPort() {
        Object tree = Map.of("targetGroups", List.of(
                group("a", "/a", List.of()),
                group("b", "/b", List.of()),
                group("c", "/c", List.of(target("127.0.0.1", 70000, "r1")))));

        assertThatThrownBy(() -> RoutingDecoder.targetGroups(tree))
                .isInstanceOfSatisfying(InvalidBroadcastException.class, problem -> {
                    assertThat(problem.field()).isEqualTo("targetGroups[2].targets[0].port");
                    assertThat(problem.reason()).isEqualTo("must be between 1 and 65535, found 70000");
                });
    }

    @Test
    void namesWrongTypes() {
        Object tree = Map.of("fallbackTargets", List.of(target("127.0.0.1", "20001", "r1")));
        assertThatThrownBy(() -> RoutingDecoder.fallbackTargets(tree))
                .hasMessage("fallbackTargets[0].port: expected an integer, found string \"20001\"");

        Object fractional = Map.of("fallbackTargets", List.of(target("127.0.0.1", 20001.5, "r1")));
        assertThatThrownBy(() -> RoutingDecoder.fallbackTargets(fractional))
                .hasMessage("fallbackTargets[0].port: expected an integer, found 20001.5");

        assertThatThrownBy(() -> RoutingDecoder.targetGroups(Map.of("targetGroups", Map.of())))
                .hasMessage("targetGroups: expected an array, found an object");
        assertThatThrownBy(() -> RoutingDecoder.targetGroups(List.of()))
                .hasMessage("expected an object, found an array");
    }

    @Test
    void rejectsUnknownFieldsInsteadOfIgnoringThem() {
        Map<String, Object> target = target("127.0.0.1", 20001, "r1");
        target.put("prot", 1);
        Object tree = Map.of("targetGroups", List.of(group("a", "/a", List.of(target))));
        assertThatThrownBy(() -> RoutingDecoder.targetGroups(tree))
                .hasMessage("targetGroups[0].targets[0].prot: unknown field; expected one of [host, port, replicaId, weight]");

        assertThatThrownBy(() -> RoutingDecoder.targetGroups(Map.of("targetGroups", List.of(), "fallbackTargets", List.of())))
                .hasMessageStartingWith("fallbackTargets: unknown field");
    }

    @Test
    void requiresFields() {
        Map<String, Object> target = target("127.0.0.1", 20001, null);
        Object tree = Map.of("fallbackTargets", List.of(target));
        assertThatThrownBy(() -> RoutingDecoder.fallbackTargets(tree)).hasMessage("fallbackTargets[0].replicaId: is required");
    }

    @Test
    void rejectsDuplicateNamesAndRoutes() {
        Object names = Map.of("targetGroups", List.of(group("a", "/a", List.of()), group("a", "/b", List.of())));
        assertThatThrownBy(() -> RoutingDecoder.targetGroups(names))
                .hasMessage("targetGroups[1].name: duplicates targetGroups[0].name \"a\"");

        Object routes = Map.of("targetGroups", List.of(group("a", "/a", List.of()), group("b", "/a", List.of())));
        assertThatThrownBy(() -> RoutingDecoder.targetGroups(routes))
                .hasMessage("targetGroups[1].routePrefix: duplicates the route of targetGroups[0] (\"/a\")");
    }

    @Test
    void rejectsDuplicateReplicasWithinAGroup() {
        Object tree = Map.of("targetGroups", List.of(group("a", "/a", List.of(
                target("127.0.0.1", 1, "r1"), target("127.0.0.1", 2, "r1")))));
        assertThatThrownBy(() -> RoutingDecoder.targetGroups(tree))
                .hasMessage("targetGroups[0].targets[1].replicaId: duplicates targets[0].replicaId \"r1\"");

        Object sameAddress = Map.of("targetGroups", List.of(group("a", "/a", List.of(
                target("127.0.0.1", 1, "r1"), target("127.0.0.1", 1, "r2")))));
        assertThatThrownBy(() -> RoutingDecoder.targetGroups(sameAddress))
                .hasMessage("targetGroups[0].targets[1].port: duplicates the address of targets[0] (127.0.0.1:1)");
    }

    @Test
    void rejectsAnInjectedDirectiveInAnyField() {
        Object tree = Map.of("targetGroups", List.of(group("a", "/a\n  server evil 10.0.0.1:80", List.of())));
        assertThatThrownBy(() -> RoutingDecoder.targetGroups(tree))
                .isInstanceOfSatisfying(InvalidBroadcastException.class,
                        problem -> assertThat(problem.field()).isEqualTo("targetGroups[0].routePrefix"));
    }

    @Test
    void namesHealthCheckFields() {
        Map<String, Object> group = group("a", "/a", List.of());
        group.put("healthCheck", Map.of("intervalMs", 5));
        assertThatThrownBy(() -> RoutingDecoder.targetGroups(Map.of("targetGroups", List.of(group))))
                .hasMessage("targetGroups[0].healthCheck.intervalMs: must be between 100 and 3600000, found 5");
    }

    @Test
    void aGroupChoosesItsRetriesByLabelAndLeavesThemAtAllMethodsByDefault() {
        Map<String, Object> group = group("a", "/a", List.of());
        assertThat(RoutingDecoder.targetGroups(Map.of("targetGroups", List.of(group))).groups().getFirst().retry())
                .isEqualTo(RetryPolicy.ALL_METHODS);
        for (RetryPolicy retry : RetryPolicy.values()) {
            group.put("retry", retry.label());
            assertThat(RoutingDecoder.targetGroups(Map.of("targetGroups", List.of(group))).groups().getFirst().retry())
                    .isEqualTo(retry);
        }
        for (Object bad : List.of("Safe-Methods", "safe_methods", "", "none", 1)) {
            group.put("retry", bad);
            assertThatThrownBy(() -> RoutingDecoder.targetGroups(Map.of("targetGroups", List.of(group))))
                    .as("retry %s", bad)
                    .hasMessageStartingWith("targetGroups[0].retry: ")
                    .satisfies(problem -> assertThat(problem.getMessage()).matches(
                            ".*(must be one of all-methods, safe-methods, connection-failures, found .*|expected a string.*)"));
        }
    }

    @Test
    void encodingThenDecodingGivesTheSameModel() {
        TargetGroup group = new TargetGroup("a", "/a", Optional.of("example.com"),
                List.of(new Target("::1", 8080, "r1", 3)), Balance.RANDOM,
                new HealthCheck(Optional.of("/h"), Duration.ofSeconds(1), 3, 4), RetryPolicy.SAFE_METHODS);
        TargetGroups groups = new TargetGroups(List.of(group));
        FallbackTargets fallback = new FallbackTargets(List.of(new Target("10.0.0.1", 1, "f1")));

        RoutingDocument decoded = RoutingDecoder.document(RoutingEncoder.document(groups, fallback));

        assertThat(decoded).isEqualTo(new RoutingDocument(groups, fallback));
    }
}
