package dev.steward.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingDocumentParserTest {
    @Test
    void readsHocon() {
        String text = """
                targetGroups = [
                  { name = app1, routePrefix = "/app1", targets = [ { host = 127.0.0.1, port = 20001, replicaId = r1 } ] }
                ]
                fallbackTargets = []
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
                fallbackTargets = []
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            an empty file             | ''                                                   | 1 | targetGroups    | is required: a routing document names both
            only whitespace           | '  \\n\\t\\n  '                                          | 1 | targetGroups    | is required: a routing document names both
            only a comment            | '# the routes\\n// more\\n'                           | 1 | targetGroups    | is required: a routing document names both
            an empty object           | '\\n{}'                                               | 2 | targetGroups    | is required: a routing document names both
            only the groups           | 'targetGroups = []'                                  | 1 | fallbackTargets | is required: a routing document names both
            only the fallback         | 'fallbackTargets = []'                               | 1 | targetGroups    | is required: a routing document names both
            JSON with one kind        | '{"fallbackTargets": []}'                            | 1 | targetGroups    | is required: a routing document names both
            groups set to null        | 'targetGroups = null\\nfallbackTargets = []'          | 1 | targetGroups    | is required: a routing document names both
            a misspelled kind         | 'targetGroup = []\\nfallbackTargets = []'             | 1 | targetGroup     | unknown field; expected one of [fallbackTargets, targetGroups]
            a kind in lower case      | 'targetgroups = []\\nfallbackTargets = []'            | 1 | targetgroups    | unknown field; expected one of [fallbackTargets, targetGroups]
            a kind in upper case      | 'targetGroups = []\\nFALLBACKTARGETS = []'            | 2 | FALLBACKTARGETS | unknown field; expected one of [fallbackTargets, targetGroups]
            """)
    void aDocumentWithoutBothKindsIsRefusedWithItsPlaceAndTheKey(String what, String text, int line, String field, String reason) {
        String unescaped = text.replace("\\n", "\n").replace("\\t", "\t");
        assertThatThrownBy(() -> RoutingDocumentParser.parse(unescaped, "conf/targets.conf"))
                .as(what)
                .isInstanceOfSatisfying(InvalidBroadcastException.class, problem -> {
                    assertThat(problem.origin()).contains("conf/targets.conf:" + line);
                    assertThat(problem.field()).isEqualTo(field);
                    assertThat(problem.getMessage()).startsWith("conf/targets.conf:" + line + ": " + field + ": " + reason);
                });
    }

    @Test
    void everyTruncationOfADocumentIsRefused() {
        String text = """
                # The routes.
                targetGroups = [
                  {
                    name = app1
                    routePrefix = "/app1"
                    targets = [ { host = "127.0.0.1", port = 20001, replicaId = app1-r1 } ]
                  }
                ]
                fallbackTargets = [ { host = "127.0.0.1", port = 20100, replicaId = f1 } ]
                """;
        RoutingDocument whole = RoutingDocumentParser.parse(text, "conf/targets.conf");
        assertThat(whole.targetGroups().groups()).hasSize(1);
        // An editor that truncates before it writes, or a write cut short, leaves any of these.
        for (int length = 0; length < text.strip().length(); length++) {
            String truncated = text.substring(0, length);
            assertThatThrownBy(() -> RoutingDocumentParser.parse(truncated, "conf/targets.conf"))
                    .as("the first %d characters", length)
                    .isInstanceOfSatisfying(InvalidBroadcastException.class,
                            problem -> assertThat(problem.origin()).hasValueSatisfying(
                                    origin -> assertThat(origin).startsWith("conf/targets.conf:")));
        }
        String json = "{\"targetGroups\": [], \"fallbackTargets\": [{\"host\": \"127.0.0.1\", \"port\": 20100, \"replicaId\": \"f1\"}]}";
        for (int length = 0; length < json.length(); length++) {
            String truncated = json.substring(0, length);
            assertThatThrownBy(() -> RoutingDocumentParser.parse(truncated, "t.json"))
                    .as("the first %d characters of JSON", length).isInstanceOf(InvalidBroadcastException.class);
        }
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
                        problem -> assertThat(problem).hasMessage("store/groups:1: targetGroups: is required: a document of"
                                + " target groups names them, with an empty list ([]) for none"));
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
