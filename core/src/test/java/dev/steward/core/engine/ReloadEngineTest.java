package dev.steward.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyForecast;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.api.source.NotAcceptedException;
import dev.steward.core.config.CoalesceSettings;
import dev.steward.core.metrics.PrometheusMetrics;
import dev.steward.core.testing.ManualScheduler;
import dev.steward.core.testing.MemoryStateStore;
import dev.steward.core.testing.RecordingBackend;
import dev.steward.core.testing.Routing;
import dev.steward.testkit.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReloadEngineTest {
    private static final Duration WINDOW = Duration.ofMillis(100);
    private static final CoalesceSettings SETTINGS =
            new CoalesceSettings(WINDOW, 3, Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final ManualTime time = new ManualTime();
    private final Instant start = time.wallTime();
    private final ManualScheduler scheduler = new ManualScheduler(time);
    private final RecordingBackend backend = new RecordingBackend();
    private final List<Long> notified = new ArrayList<>();
    private final MemoryStateStore store = new MemoryStateStore();

    private ReloadEngine engine(CoalesceSettings settings) {
        return new ReloadEngine(backend, settings, scheduler, time, new PrometheusMetrics(),
                List.of(state -> notified.add(state.revision())), store);
    }

    private ReloadEngine startedEngine(CoalesceSettings settings) {
        ReloadEngine engine = engine(settings);
        engine.start();
        time.runDue();
        return engine;
    }

    @Test
    void appliesTheFirstStateAtOnceWithoutAWindow() {
        ReloadEngine engine = engine(SETTINGS);
        engine.accept("file", List.of(Routing.oneGroup(20001)));

        engine.start();
        time.runDue();

        assertThat(backend.applied()).extracting(RoutingState::revision).containsExactly(1L);
        assertThat(engine.status().converged()).isTrue();
    }

    @Test
    void appliesTheEmptyStateAtStartSoTheProxyServesFromTheBeginning() {
        startedEngine(SETTINGS);
        assertThat(backend.applied()).containsExactly(RoutingState.EMPTY);
    }

    @Test
    void aBroadcastIsAppliedOneWindowLaterNotBefore() {
        ReloadEngine engine = startedEngine(SETTINGS);
        engine.accept("http", List.of(Routing.oneGroup(20001)));

        time.advance(WINDOW.minusMillis(1));
        assertThat(backend.applied()).hasSize(1);
        time.advance(Duration.ofMillis(1));
        assertThat(backend.applied()).hasSize(2);
        assertThat(backend.applied().getLast().targetGroups()).isEqualTo(Routing.oneGroup(20001));
    }

    @Test
    void aThousandBroadcastsOverOneSecondGiveAtMostElevenAppliesAndTheLastStateWins() {
        ReloadEngine engine = startedEngine(SETTINGS);
        int applyCountAtStart = backend.applied().size();

        for (int i = 0; i < 1000; i++) {
            engine.accept("http", List.of(i % 2 == 0 ? Routing.oneGroup(20000 + i) : Routing.fallback(30000 + i)));
            time.advance(Duration.ofMillis(1));
        }
        time.advance(WINDOW.multipliedBy(2));

        List<RoutingState> applies = backend.applied().subList(applyCountAtStart, backend.applied().size());
        assertThat(applies).hasSizeLessThanOrEqualTo(11);
        RoutingState last = applies.getLast();
        assertThat(last.revision()).isEqualTo(1000);
        assertThat(last.targetGroups()).isEqualTo(Routing.oneGroup(20998));
        assertThat(last.fallbackTargets()).isEqualTo(Routing.fallback(30999));
        assertThat(engine.status().coalesced()).isEqualTo(1000 - applies.size());
        assertThat(engine.status().converged()).isTrue();
    }

    @Test
    void laterBroadcastsDoNotExtendTheWindow() {
        ReloadEngine engine = startedEngine(SETTINGS);
        engine.accept("http", List.of(Routing.oneGroup(1)));
        time.advance(Duration.ofMillis(60));
        engine.accept("http", List.of(Routing.oneGroup(2)));
        time.advance(Duration.ofMillis(40));

        assertThat(backend.applied().getLast().targetGroups()).isEqualTo(Routing.oneGroup(2));
    }

    @Test
    void windowZeroAppliesEachBroadcastInOrder() {
        ReloadEngine engine = startedEngine(new CoalesceSettings(Duration.ZERO, 3, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        for (int port = 1; port <= 5; port++) {
            engine.accept("http", List.of(Routing.oneGroup(port)));
            time.runDue();
        }
        assertThat(backend.applied()).extracting(RoutingState::revision).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aBroadcastDuringAnApplyTriggersExactlyOneMoreApply() {
        ReloadEngine engine = startedEngine(SETTINGS);
        backend.duringApply(state -> {
            if (state.revision() == 1) {
                engine.accept("http", List.of(Routing.oneGroup(2)));
                engine.accept("http", List.of(Routing.oneGroup(3)));
            }
        });
        engine.accept("http", List.of(Routing.oneGroup(1)));

        time.advance(WINDOW);
        assertThat(backend.applied()).extracting(RoutingState::revision).containsExactly(0L, 1L);
        time.advance(WINDOW.multipliedBy(10));

        assertThat(backend.applied()).extracting(RoutingState::revision).containsExactly(0L, 1L, 3L);
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void aFailedApplyIsRetriedAtTheNextWindowThenBacksOffGrowingAndCapped() {
        ReloadEngine engine = startedEngine(new CoalesceSettings(WINDOW, 3, Duration.ofSeconds(1), Duration.ofSeconds(5)));
        backend.failNext(Integer.MAX_VALUE);
        engine.accept("http", List.of(Routing.oneGroup(1)));

        List<Duration> waits = new ArrayList<>();
        time.advance(WINDOW);
        for (int i = 0; i < 7; i++) {
            Duration wait = time.nextDue().orElseThrow();
            waits.add(wait);
            time.advance(wait);
        }

        assertThat(waits).containsExactly(WINDOW, WINDOW, WINDOW, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(5));
        EngineStatus status = engine.status();
        assertThat(status.degraded()).isTrue();
        assertThat(status.lastError()).contains("injected failure");
        assertThat(status.failedApplies()).isEqualTo(8);
        assertThat(time.nextDue()).contains(Duration.ofSeconds(5));
    }

    @Test
    void aSettledClusterConvergesOnceTheFaultClearsWithoutANewBroadcast() {
        ReloadEngine engine = startedEngine(SETTINGS);
        backend.failNext(6);
        engine.accept("http", List.of(Routing.oneGroup(1)));

        time.advance(Duration.ofMinutes(1));

        assertThat(engine.status().converged()).isTrue();
        assertThat(engine.status().degraded()).isFalse();
        assertThat(engine.status().lastError()).isEmpty();
        assertThat(backend.applied().getLast().revision()).isEqualTo(1);
        assertThat(notified).containsExactly(0L, 1L);
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        ReloadEngine engine = startedEngine(SETTINGS);
        backend.failNext(2);
        engine.accept("http", List.of(Routing.oneGroup(1)));
        time.advance(WINDOW.multipliedBy(3));
        assertThat(engine.status().consecutiveFailures()).isZero();

        backend.failNext(3);
        engine.accept("http", List.of(Routing.oneGroup(2)));
        time.advance(WINDOW.multipliedBy(3));
        assertThat(engine.status().consecutiveFailures()).isEqualTo(3);
        assertThat(time.nextDue()).as("three failures are still quick retries").contains(WINDOW);
    }

    @Test
    void aBroadcastThatChangesWhatFailedEndsTheBackoffAndIsTriedWithinAWindow() {
        ReloadEngine engine = startedEngine(SETTINGS);
        backend.failNext(5, Set.of("app"));
        engine.accept("http", List.of(Routing.oneGroup(1)));
        time.advance(WINDOW.multipliedBy(4));
        assertThat(engine.status().degraded()).isTrue();
        assertThat(time.nextDue()).contains(Duration.ofSeconds(1));
        int attempts = backend.attempts();

        engine.accept("http", List.of(Routing.oneGroup(2)));
        time.advance(WINDOW.minusMillis(1));
        assertThat(backend.attempts()).as("a reload still waits a window after the last one").isEqualTo(attempts);
        time.advance(Duration.ofMillis(1));

        assertThat(backend.attempts()).as("tried again within a window, not after the back-off").isEqualTo(attempts + 1);
        assertThat(engine.status().consecutiveFailures()).isEqualTo(1);
        assertThat(engine.status().degraded()).isFalse();
    }

    @Test
    void aBroadcastThatLeavesWhatFailedAsItWasKeepsBackingOff() {
        ReloadEngine engine = startedEngine(SETTINGS);
        backend.failNext(Integer.MAX_VALUE, Set.of("app"));
        engine.accept("http", List.of(Routing.oneGroup(1)));
        time.advance(WINDOW.multipliedBy(5));
        assertThat(engine.status().degraded()).isTrue();
        int failures = engine.status().consecutiveFailures();
        int attempts = backend.attempts();

        for (int port = 30001; port <= 30010; port++) {
            engine.accept("http", List.of(Routing.fallback(port)));
            time.advance(WINDOW);
        }

        assertThat(backend.attempts()).as("ten broadcasts a window apart, within a 1 s back-off").isEqualTo(attempts + 1);
        assertThat(engine.status().consecutiveFailures()).isEqualTo(failures + 1);
        assertThat(engine.status().degraded()).isTrue();
        assertThat(engine.status().failing()).hasValueSatisfying(failing -> {
            assertThat(failing.culprits()).containsExactly("app");
            assertThat(failing.since()).as("the first failure, a window after the broadcast").isEqualTo(start.plus(WINDOW));
        });
    }

    @Test
    void aFailureThatNamesNothingIsEndedOnlyByASuccess() {
        ReloadEngine engine = startedEngine(SETTINGS);
        backend.failNext(Integer.MAX_VALUE);
        engine.accept("http", List.of(Routing.oneGroup(1)));
        time.advance(WINDOW.multipliedBy(5));
        int attempts = backend.attempts();

        engine.accept("http", List.of(Routing.oneGroup(2)));
        engine.accept("http", List.of(Routing.fallback(3)));
        time.advance(WINDOW.multipliedBy(2));

        assertThat(backend.attempts()).as("no broadcast ends the back-off").isEqualTo(attempts);
        assertThat(engine.status().failing()).hasValueSatisfying(failing -> assertThat(failing.culprits()).isEmpty());

        backend.failNext(0);
        time.advance(Duration.ofSeconds(30));

        assertThat(engine.status().converged()).isTrue();
        assertThat(engine.status().failing()).isEmpty();
        assertThat(engine.status().lastError()).isEmpty();
    }

    @Test
    void aStateTheBackendCanServeAtOnceIsAppliedWithoutAWindow() {
        backend.forecast(state -> ApplyForecast.runtime());
        ReloadEngine engine = startedEngine(SETTINGS);

        engine.accept("http", List.of(Routing.oneGroup(1)));
        time.runDue();

        assertThat(backend.applied()).extracting(RoutingState::revision).containsExactly(0L, 1L);
        assertThat(backend.modes().getLast()).isEqualTo(ApplyMode.RUNTIME);
        assertThat(time.nextDue()).isEmpty();
    }

    @Test
    void broadcastsDuringARuntimeApplyMergeIntoTheNextWhichFollowsAtOnce() {
        backend.forecast(state -> ApplyForecast.runtime());
        ReloadEngine engine = startedEngine(SETTINGS);
        backend.duringApply(state -> {
            if (state.revision() == 1) {
                engine.accept("http", List.of(Routing.oneGroup(2)));
                engine.accept("http", List.of(Routing.oneGroup(3)));
            }
        });

        engine.accept("http", List.of(Routing.oneGroup(1)));
        time.runDue();

        assertThat(backend.applied()).extracting(RoutingState::revision).containsExactly(0L, 1L, 3L);
        assertThat(engine.status().coalesced()).isEqualTo(1);
    }

    @Test
    void aStateThatNeedsAReloadAfterRuntimeAppliesWaitsAWindowFromItsBroadcast() {
        backend.forecast(state -> state.fallbackTargets().targets().isEmpty() ? ApplyForecast.runtime()
                : ApplyForecast.reload("fallback changed"));
        ReloadEngine engine = startedEngine(SETTINGS);
        time.advance(WINDOW);
        engine.accept("http", List.of(Routing.oneGroup(1)));
        time.runDue();

        engine.accept("http", List.of(Routing.fallback(2)));
        time.advance(WINDOW.minusMillis(1));
        assertThat(backend.applied()).extracting(RoutingState::revision).containsExactly(0L, 1L);
        time.advance(Duration.ofMillis(1));

        assertThat(backend.applied()).extracting(RoutingState::revision).containsExactly(0L, 1L, 2L);
        assertThat(backend.modes()).containsExactly(ApplyMode.RUNTIME, ApplyMode.RUNTIME, ApplyMode.RELOAD);
    }

    @Test
    void aStormOfMixedChangesGetsAtMostOneReloadPerWindowAndTheNewestStateWins() {
        backend.forecast(state -> state.revision() % 7 == 0 ? ApplyForecast.reload("every seventh") : ApplyForecast.runtime());
        List<Long> reloadTimes = new ArrayList<>();
        backend.duringApply(state -> {
            if (state.revision() % 7 == 0) {
                reloadTimes.add(time.monotonicNanos());
            }
        });
        ReloadEngine engine = startedEngine(SETTINGS);

        for (int i = 1; i <= 1000; i++) {
            engine.accept("http", List.of(Routing.oneGroup(20000 + i)));
            time.advance(Duration.ofMillis(1));
        }
        time.advance(WINDOW.multipliedBy(3));

        for (int i = 1; i < reloadTimes.size(); i++) {
            assertThat(reloadTimes.get(i) - reloadTimes.get(i - 1)).as("reload %d after the one before", i)
                    .isGreaterThanOrEqualTo(WINDOW.toNanos());
        }
        assertThat(backend.applied().getLast().targetGroups()).isEqualTo(Routing.oneGroup(21000));
        assertThat(engine.status().converged()).isTrue();
        assertThat(backend.modes()).contains(ApplyMode.RUNTIME);
    }

    @Test
    void aRuntimeApplyThatTurnsOutToNeedAReloadWaitsForTheWindowAndIsNoFailure() {
        backend.forecast(state -> ApplyForecast.runtime());
        ReloadEngine engine = startedEngine(SETTINGS);
        backend.owe(1);

        engine.accept("http", List.of(Routing.oneGroup(1)));
        time.runDue();
        assertThat(backend.applied()).extracting(RoutingState::revision).containsExactly(0L);
        assertThat(engine.status().failedApplies()).isZero();
        assertThat(engine.status().lastError()).isEmpty();
        assertThat(time.nextDue()).as("held for the window after the start's reload and the broadcast").isPresent();

        time.advance(WINDOW);

        assertThat(backend.applied()).extracting(RoutingState::revision).containsExactly(0L, 1L);
        assertThat(engine.status().converged()).isTrue();
    }

    @Test
    void aForecastThatThrowsIsTakenForAReload() {
        backend.forecast(state -> {
            throw new IllegalStateException("cannot tell");
        });
        ReloadEngine engine = startedEngine(SETTINGS);
        engine.accept("http", List.of(Routing.oneGroup(1)));

        time.advance(WINDOW.minusMillis(1));
        assertThat(backend.applied()).hasSize(1);
        time.advance(Duration.ofMillis(1));
        assertThat(backend.applied()).hasSize(2);
    }

    @Test
    void stopDuringAPendingApplyCancelsItCleanly() {
        ReloadEngine engine = startedEngine(SETTINGS);
        engine.accept("http", List.of(Routing.oneGroup(1)));

        engine.stop();
        time.advance(Duration.ofMinutes(1));

        assertThat(backend.applied()).extracting(RoutingState::revision).containsExactly(0L);
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void listenersHearOfEverySuccessfulApply() {
        ReloadEngine engine = startedEngine(SETTINGS);
        engine.accept("http", List.of(Routing.oneGroup(1)));
        time.advance(WINDOW);
        assertThat(notified).containsExactly(0L, 1L);
    }

    @Test
    void aBroadcastOfBothKindsIsOneRevision() {
        ReloadEngine engine = startedEngine(SETTINGS);
        long revision = engine.accept("file", List.of(Routing.oneGroup(1), Routing.fallback(2)));
        time.advance(WINDOW);

        assertThat(revision).isEqualTo(1);
        assertThat(engine.status().accepted()).isEqualTo(2);
        assertThat(backend.applied().getLast()).isEqualTo(new RoutingState(1, Routing.oneGroup(1), Routing.fallback(2)));
    }

    @Test
    void revisionsContinueFromTheStoredStateAfterARestart() {
        ReloadEngine engine = startedEngine(SETTINGS);
        engine.accept("http", List.of(Routing.oneGroup(1)));
        engine.accept("http", List.of(Routing.oneGroup(2)));
        time.advance(WINDOW);
        engine.stop();

        ReloadEngine restarted = engine(SETTINGS);
        assertThat(restarted.state()).as("the routes served before the restart are restored")
                .isEqualTo(new RoutingState(2, Routing.oneGroup(2), RoutingState.EMPTY.fallbackTargets()));
        assertThat(restarted.accept("http", List.of(Routing.oneGroup(3)))).isEqualTo(3);
    }

    @Test
    void aRevisionHandedOutBeforeACrashIsNeverHandedOutAgain() {
        ReloadEngine engine = startedEngine(SETTINGS);
        engine.accept("http", List.of(Routing.oneGroup(1)));
        time.advance(WINDOW);
        assertThat(engine.accept("http", List.of(Routing.oneGroup(2)))).as("accepted, never applied").isEqualTo(2);

        ReloadEngine afterCrash = engine(SETTINGS);

        assertThat(afterCrash.state().revision()).as("the state served before the crash").isEqualTo(1);
        assertThat(afterCrash.accept("http", List.of(Routing.oneGroup(3))))
                .as("above every revision the crashed engine may have handed out")
                .isEqualTo(RevisionLedger.RESERVATION + 1);
    }

    @Test
    void revisionsAreReservedOnceForManyBroadcasts() {
        ReloadEngine engine = startedEngine(SETTINGS);
        for (int i = 0; i < 5; i++) {
            engine.accept("http", List.of(Routing.oneGroup(20001 + i)));
        }
        assertThat(store.reservations()).containsExactly(RevisionLedger.RESERVATION);

        engine.stop();
        assertThat(store.reservations()).as("a clean stop returns what it did not use").containsExactly(
                RevisionLedger.RESERVATION, 5L);
    }

    @Test
    void aBroadcastWhoseRevisionCannotBeReservedIsNotAccepted() {
        ReloadEngine engine = startedEngine(SETTINGS);
        store.failReservations(true);

        assertThatThrownBy(() -> engine.accept("http", List.of(Routing.oneGroup(1))))
                .isInstanceOf(NotAcceptedException.class).hasMessageContaining("disk full");
        assertThat(engine.state()).isEqualTo(RoutingState.EMPTY);
        assertThat(engine.status().accepted()).isZero();

        store.failReservations(false);
        assertThat(engine.accept("http", List.of(Routing.oneGroup(1)))).isEqualTo(1);
    }

    @Test
    void aStateThatCannotBeStoredIsServedButNotConfirmedToListeners() {
        ReloadEngine engine = startedEngine(SETTINGS);
        store.failSaves(true);
        engine.accept("http", List.of(Routing.oneGroup(1)));
        time.advance(WINDOW);

        assertThat(backend.applied().getLast().revision()).isEqualTo(1);
        assertThat(notified).containsExactly(0L);
        assertThat(engine.status().lastError()).hasValueSatisfying(error -> assertThat(error).contains("disk full"));
    }
}
