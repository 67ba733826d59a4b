package dev.steward.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.Broadcast;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.TargetGroups;
import dev.steward.core.config.CoalesceSettings;
import dev.steward.core.metrics.PrometheusMetrics;
import dev.steward.core.testing.ManualScheduler;
import dev.steward.core.testing.MemoryStateStore;
import dev.steward.core.testing.RecordingBackend;
import dev.steward.core.testing.Routing;
import dev.steward.testkit.ManualTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * At start every source delivers its own last state; the one that equals what the same source had
 * delivered before the stop is not news, so the state served before the stop is served after it,
 * whichever source starts first. A delivery that differs is news.
 */
class RestartServesTheNewestStateTest {
    private static final CoalesceSettings SETTINGS =
            new CoalesceSettings(Duration.ofMillis(100), 3, Duration.ofSeconds(1), Duration.ofSeconds(30));
    private static final TargetGroups A = Routing.oneGroup(20001);
    private static final TargetGroups B = Routing.oneGroup(20002);
    private static final TargetGroups C = Routing.oneGroup(20003);
    private static final TargetGroups D = Routing.oneGroup(20004);

    private final MemoryStateStore store = new MemoryStateStore();
    private ManualTime time = new ManualTime();
    private RecordingBackend backend = new RecordingBackend();
    private ReloadEngine engine;

    private void start() {
        time = new ManualTime();
        backend = new RecordingBackend();
        engine = new ReloadEngine(backend, SETTINGS, new ManualScheduler(time), time, new PrometheusMetrics(), List.of(), store);
    }

    private void deliver(String source, Broadcast broadcast) {
        engine.accept(source, List.of(broadcast));
        time.advance(Duration.ofSeconds(1));
    }

    private void run() {
        engine.start();
        time.advance(Duration.ofSeconds(1));
    }

    /** File A, then a PUT of B, then file C: C is served before the stop. */
    private RoutingState servedBeforeTheStop() {
        start();
        run();
        deliver("file", A);
        deliver("http", B);
        deliver("file", C);
        RoutingState served = backend.applied().getLast();
        assertThat(served.targetGroups()).isEqualTo(C);
        engine.stop();
        return served;
    }

    @ParameterizedTest(name = "the {0} source starts first")
    @ValueSource(strings = {"file", "http"})
    void bothSourcesRedeliveringTheirLastStatesChangeNothing(String first) {
        RoutingState before = servedBeforeTheStop();

        start();
        if (first.equals("file")) {
            deliver("file", C);
            deliver("http", B);
        } else {
            deliver("http", B);
            deliver("file", C);
        }
        run();

        assertThat(backend.applied()).as("only the stored state, at start").containsExactly(before);
        assertThat(engine.status().receivedRevision()).isEqualTo(before.revision());
    }

    @ParameterizedTest(name = "the {0} source starts first")
    @ValueSource(strings = {"file", "http"})
    void aFileEditedWhileStewardWasDownIsNewsAndServed(String first) {
        servedBeforeTheStop();

        start();
        if (first.equals("file")) {
            deliver("file", D);
            deliver("http", B);
        } else {
            deliver("http", B);
            deliver("file", D);
        }
        run();

        assertThat(backend.applied().getLast().targetGroups()).isEqualTo(D);
    }

    @Test
    void theSameStateSentAgainAfterTheStartIsNews() {
        servedBeforeTheStop();
        start();
        deliver("http", B);
        run();

        deliver("http", B);

        assertThat(backend.applied().getLast().targetGroups()).as("a controller that sends it again means it").isEqualTo(B);
    }

    @Test
    void aSourceThatHadNotDeliveredBeforeTheStopIsNews() {
        servedBeforeTheStop();
        start();

        deliver("etcd", A);
        run();

        assertThat(backend.applied().getLast().targetGroups()).isEqualTo(A);
    }

    @Test
    void whatWasAcceptedButNeverAppliedIsNewsAtTheNextStart() {
        servedBeforeTheStop();
        start();
        engine.accept("http", List.of(D));
        engine.stop();

        start();
        deliver("http", D);
        run();

        assertThat(backend.applied().getLast().targetGroups()).isEqualTo(D);
    }
}
