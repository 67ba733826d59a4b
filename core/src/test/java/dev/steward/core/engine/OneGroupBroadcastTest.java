package dev.steward.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroupPut;
import dev.steward.api.model.TargetGroupRemoval;
import dev.steward.api.model.TargetGroups;
import dev.steward.api.model.UnknownGroupException;
import dev.steward.core.config.CoalesceSettings;
import dev.steward.core.metrics.PrometheusMetrics;
import dev.steward.core.testing.ManualScheduler;
import dev.steward.core.testing.MemoryStateStore;
import dev.steward.core.testing.PrometheusText;
import dev.steward.core.testing.RecordingBackend;
import dev.steward.core.testing.Routing;
import dev.steward.testkit.ManualTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Broadcasts of one group change the engine's newest state, whichever source set the rest; a refused one changes nothing. */
class OneGroupBroadcastTest {
    private final ManualTime time = new ManualTime();
    private final PrometheusMetrics metrics = new PrometheusMetrics();
    private final MemoryStateStore store = new MemoryStateStore();
    private final ReloadEngine engine = new ReloadEngine(new RecordingBackend(),
            new CoalesceSettings(Duration.ofMillis(100), 3, Duration.ofSeconds(1), Duration.ofSeconds(30)), new ManualScheduler(time), time, metrics,
            List.of(), store);

    private static TargetGroup group(String name, String prefix, int port) {
        return new TargetGroup(name, prefix, List.of(new Target("127.0.0.1", port, name + "-r1")));
    }

    private static TargetGroups fileGroups() {
        return new TargetGroups(List.of(group("a", "/a", 20001), group("b", "/b", 20002)));
    }

    private double accepted(String source, String kind) {
        return PrometheusText.parse(metrics.scrape())
                .value("steward_broadcasts_total", "source", source, "kind", kind, "outcome", "accepted").orElse(0.0);
    }

    @Test
    void aGroupPutOrRemovalChangesThatGroupInTheStateAnotherSourceSet() {
        engine.accept("file", List.of(fileGroups(), Routing.fallback(20100)));

        long put = engine.accept("http", List.of(new TargetGroupPut(group("b", "/b", 29002))));
        long removal = engine.accept("http", List.of(new TargetGroupRemoval("a")));

        assertThat(put).isEqualTo(2);
        assertThat(removal).isEqualTo(3);
        assertThat(engine.state()).isEqualTo(new RoutingState(3, new TargetGroups(List.of(group("b", "/b", 29002))),
                Routing.fallback(20100)));
        assertThat(accepted("http", "target_group")).isEqualTo(2.0);
    }

    @Test
    void aRemovalOfAnUnknownGroupChangesNothingAndUsesNoRevision() {
        engine.accept("file", List.of(fileGroups()));
        RoutingState before = engine.state();

        assertThatThrownBy(() -> engine.accept("http", List.of(new TargetGroupRemoval("c"))))
                .isInstanceOf(UnknownGroupException.class).hasMessageContaining("\"c\"");

        assertThat(engine.state()).isEqualTo(before);
        assertThat(engine.accept("http", List.of(new TargetGroupRemoval("a")))).as("the next revision, none skipped")
                .isEqualTo(before.revision() + 1);
    }

    @Test
    void aListWithOneRefusedBroadcastIsRefusedWholeAndNothingOfItIsCounted() {
        engine.accept("file", List.of(fileGroups()));
        RoutingState before = engine.state();

        assertThatThrownBy(() -> engine.accept("http", List.of(Routing.fallback(20100),
                new TargetGroupPut(group("c", "/a", 20003)))))
                .isInstanceOf(InvalidBroadcastException.class).hasMessageContaining("routePrefix");

        assertThat(engine.state()).isEqualTo(before);
        assertThat(engine.status().accepted()).isEqualTo(1);
        assertThat(accepted("http", "fallback_targets")).isZero();
    }

    @Test
    void theFirstBroadcastRefusedReservesNoRevisions() {
        assertThatThrownBy(() -> engine.accept("http", List.of(new TargetGroupRemoval("a"))))
                .isInstanceOf(UnknownGroupException.class);

        assertThat(store.reservations()).isEmpty();
        assertThat(engine.status().receivedRevision()).isZero();
    }
}
