package dev.steward.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A group's targets and the fallback targets are held to the same rules, in the same words. */
class UniqueTargetsTest {
    /** Each kind of list, and the field its messages name. */
    private record Kind(String field, Function<List<Target>, List<Target>> make) {}

    private static final List<Kind> KINDS = List.of(
            new Kind("targets", targets -> new TargetGroup("app1", "/app1", targets).targets()),
            new Kind("fallbackTargets", targets -> new FallbackTargets(targets).targets()));

    @Test
    void aReplicaIdTwiceIsRefusedNamingBothPlaces() {
        for (Kind kind : KINDS) {
            assertThatThrownBy(() -> kind.make().apply(List.of(target("127.0.0.1", 1, "r1"), target("127.0.0.1", 2, "r1"))))
                    .isInstanceOf(InvalidBroadcastException.class)
                    .hasMessage(kind.field() + "[1].replicaId: duplicates " + kind.field() + "[0].replicaId \"r1\"");
        }
    }

    @Test
    void anAddressTwiceIsRefusedInAnySpelling() {
        List<List<String>> sameAddresses = List.of(
                List.of("127.0.0.1", "127.0.0.1", ""),
                List.of("App.Example.com", "app.example.com", ", the same as app.example.com:1"),
                List.of("::1", "0:0:0:0:0:0:0:1", ", the same as [0:0:0:0:0:0:0:1]:1"),
                List.of("2001:DB8::1", "2001:db8:0::1", ", the same as [2001:db8:0::1]:1"),
                List.of("127.0.0.1", "::ffff:127.0.0.1", ", the same as [::ffff:127.0.0.1]:1"));
        for (Kind kind : KINDS) {
            for (List<String> hosts : sameAddresses) {
                Target first = target(hosts.get(0), 1, "r1");
                assertThatThrownBy(() -> kind.make().apply(List.of(first, target(hosts.get(1), 1, "r2"))))
                        .as("%s and %s", hosts.get(0), hosts.get(1))
                        .isInstanceOf(InvalidBroadcastException.class)
                        .hasMessage(kind.field() + "[1].port: duplicates the address of " + kind.field() + "[0] ("
                                + first.address() + hosts.get(2) + ")");
            }
        }
    }

    @Test
    void distinctAddressesPassAndTheListIsCopied() {
        for (Kind kind : KINDS) {
            List<Target> targets = new ArrayList<>(List.of(target("127.0.0.1", 1, "r1"), target("127.0.0.1", 2, "r2"),
                    target("127.0.0.2", 1, "r3"), target("::2", 1, "r4"), target("app.example.com", 1, "r5")));
            List<Target> kept = kind.make().apply(targets);
            targets.clear();

            assertThat(kept).hasSize(5);
            assertThatThrownBy(() -> kept.add(target("127.0.0.9", 1, "r9"))).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void aMissingListANullTargetAndTooManyTargetsAreRefused() {
        List<Target> withNull = Arrays.asList(target("127.0.0.1", 1, "r1"), null);
        List<Target> tooMany = IntStream.rangeClosed(0, TargetGroup.MAX_TARGETS)
                .mapToObj(i -> target("10.0." + i / 250 + "." + i % 250, 1000 + i % 1000, "r" + i)).toList();
        for (Kind kind : KINDS) {
            assertThatThrownBy(() -> kind.make().apply(null)).hasMessage(kind.field() + ": is required");
            assertThatThrownBy(() -> kind.make().apply(withNull)).hasMessage(kind.field() + "[1]: is null");
            assertThatThrownBy(() -> kind.make().apply(tooMany)).hasMessage(kind.field()
                    + ": must hold at most " + TargetGroup.MAX_TARGETS + " targets, found " + (TargetGroup.MAX_TARGETS + 1));
            assertThat(kind.make().apply(List.of())).isEmpty();
        }
    }

    private static Target target(String host, int port, String replicaId) {
        return new Target(host, port, replicaId);
    }
}
