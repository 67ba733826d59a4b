package dev.steward.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingDocumentParserTest {
    @Test
    void readsHocon() {
        String text = """
                targetGroups = [
                  { name = app1, routePrefix = "/app1", targets = [ { host = 127.0.0.1, port = 20001, replicaId = r1 } ] }
                ]
                """;
        RoutingDocument document = RoutingDocumentParser.parse(text, "targets.conf");
        assertThat(document.targetGroups().groups().getFirst().targets().getFirst().port()).isEqualTo(20001);
    }

    @Test
    void readsJson() {
        String text = """
                {"targetGroups": [], "fallbackTargets": [{"host": "127.0.0.1", "port": 20100, "replicaId": "f1"}]}
                """;
        assertThat(RoutingDocumentParser.parse(text, "t.json").fallbackTargets().targets()).hasSize(1);
    }

    @Test
    void namesTheLineOfABadField() {
        String text = """
                targetGroups = [
                  {
                    name = app1
                    routePrefix = "/app1"
                    targets = [
                      { host = 127.0.0.1, port = 0, replicaId = r1 }
                    ]
                  }
                ]
                """;
        assertThatThrownBy(() -> RoutingDocumentParser.parse(text, "conf/targets.conf"))
                .isInstanceOfSatisfying(InvalidBroadcastException.class, problem -> {
                    assertThat(problem.origin()).contains("conf/targets.conf:6");
                    assertThat(problem.field()).isEqualTo("targetGroups[0].targets[0].port");
                    assertThat(problem).hasMessage(
                            "conf/targets.conf:6: targetGroups[0].targets[0].port: must be between 1 and 65535, found 0");
                });
    }

    @Test
    void namesTheLineOfASyntaxError() {
        String text = "targetGroups = [\n  { name = app1,\n";
        assertThatThrownBy(() -> RoutingDocumentParser.parse(text, "conf/targets.conf"))
                .isInstanceOfSatisfying(InvalidBroadcastException.class, problem -> {
                    assertThat(problem.origin()).hasValueSatisfying(origin -> assertThat(origin).startsWith("conf/targets.conf:"));
                    assertThat(problem.getMessage()).contains("cannot be parsed");
                });
    }

    @Test
    void readsOneKind() {
        String text = """
                {"fallbackTargets": [{"host": "127.0.0.1", "port": 20100, "replicaId": "f1"}]}
                """;
        assertThat(RoutingDocumentParser.parse(text, "store/fallback", BroadcastKind.FALLBACK_TARGETS))
                .isEqualTo(new FallbackTargets(List.of(new Target("127.0.0.1", 20100, "f1"))));
    }

    @Test
    void aDocumentOfTheOtherKindIsNotAnEmptyOne() {
        assertThatThrownBy(() -> RoutingDocumentParser.parse("{\"fallbackTargets\": []}", "store/groups",
                BroadcastKind.TARGET_GROUPS))
                .isInstanceOfSatisfying(InvalidBroadcastException.class, problem -> {
                    assertThat(problem.field()).isEqualTo("fallbackTargets");
                    assertThat(problem.origin()).contains("store/groups:1");
                    assertThat(problem.reason()).contains("unknown field");
                });
        assertThatThrownBy(() -> RoutingDocumentParser.parse("{}", "store/groups", BroadcastKind.TARGET_GROUPS))
                .isInstanceOfSatisfying(InvalidBroadcastException.class,
                        problem -> assertThat(problem).hasMessage("store/groups:1: targetGroups: is required"));
    }

    @Test
    void namesTheLineOfABadFieldInOneKind() {
        String text = """
                {
                  "targetGroups": [
                    {"name": "app1", "routePrefix": "/app1",
                     "targets": [{"host": "127.0.0.1", "port": 70000, "replicaId": "r1"}]}
                  ]
                }
                """;
        assertThatThrownBy(() -> RoutingDocumentParser.parse(text, "/steward/state/target-groups", BroadcastKind.TARGET_GROUPS))
                .isInstanceOfSatisfying(InvalidBroadcastException.class, problem -> assertThat(problem).hasMessage(
                        "/steward/state/target-groups:4: targetGroups[0].targets[0].port: must be between 1 and 65535, found 70000"));
    }
}
