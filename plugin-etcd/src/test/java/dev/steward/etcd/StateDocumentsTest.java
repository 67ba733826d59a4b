package dev.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.model.Balance;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateDocumentsTest {
    @Test
    void eachKindRoundTripsThroughItsKey() {
        TargetGroups groups = new TargetGroups(List.of(new TargetGroup("app", "/app", Optional.of("app.example"),
                List.of(new Target("127.0.0.1", 20001, "r1", 3), new Target("::1", 20002, "r2")), Balance.LEAST_CONN,
                new HealthCheck(Optional.of("/health"), Duration.ofMillis(500), 1, 2))));
        FallbackTargets fallback = new FallbackTargets(List.of(new Target("10.0.0.1", 20100, "f1")));

        assertThat(StateDocuments.decode("k", StateDocuments.encode(groups), BroadcastKind.TARGET_GROUPS)).isEqualTo(groups);
        assertThat(StateDocuments.decode("k", StateDocuments.encode(fallback), BroadcastKind.FALLBACK_TARGETS)).isEqualTo(fallback);
        assertThat(StateDocuments.encode(TargetGroups.NONE)).contains("\"targetGroups\"");
    }

    @Test
    void aBadValueNamesTheKeyTheLineAndTheField() {
        String value = """
                {
                  "fallbackTargets": [
                    {"host": "127.0.0.1", "port": 20100, "replicaId": "bad id"}
                  ]
                }
                """;
        assertThatThrownBy(() -> StateDocuments.decode("/steward/state/fallback-targets", value, BroadcastKind.FALLBACK_TARGETS))
                .isInstanceOf(InvalidBroadcastException.class)
                .hasMessageStartingWith("/steward/state/fallback-targets:3: fallbackTargets[0].replicaId: must match");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            an empty value           | ''                                | targetGroups: is required
            only whitespace          | ' '                               | targetGroups: is required
            an empty object          | '{}'                              | targetGroups: is required
            the kind set to null     | '{"targetGroups": null}'          | targetGroups: is required
            the other kind           | '{"fallbackTargets": []}'         | fallbackTargets: unknown field
            the kind in lower case   | '{"targetgroups": []}'            | targetgroups: unknown field
            the kind capitalised     | '{"TargetGroups": []}'            | TargetGroups: unknown field
            a value cut short        | '{"targetGroups": ['              | cannot be parsed
            """)
    void aValueThatDoesNotNameItsKindIsRefusedNotReadAsNone(String what, String value, String reason) {
        assertThatThrownBy(() -> StateDocuments.decode("/steward/state/target-groups", value, BroadcastKind.TARGET_GROUPS))
                .as(what)
                .isInstanceOf(InvalidBroadcastException.class)
                .hasMessageStartingWith("/steward/state/target-groups:1: ")
                .hasMessageContaining(reason);
        assertThat(StateDocuments.decode("/steward/state/target-groups", "{\"targetGroups\": []}", BroadcastKind.TARGET_GROUPS))
                .as("an empty list is how to say none").isEqualTo(TargetGroups.NONE);
    }

    @Test
    void anAbsentKeyIsNoneOfItsKind() {
        assertThat(StateDocuments.none(BroadcastKind.TARGET_GROUPS)).isEqualTo(TargetGroups.NONE);
        assertThat(StateDocuments.none(BroadcastKind.FALLBACK_TARGETS)).isEqualTo(FallbackTargets.NONE);
    }
}
