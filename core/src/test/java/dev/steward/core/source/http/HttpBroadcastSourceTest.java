package dev.steward.core.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.BroadcastSink;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroupPut;
import dev.steward.api.model.TargetGroupRemoval;
import dev.steward.api.model.TargetGroups;
import dev.steward.api.model.UnknownGroupException;
import dev.steward.api.source.NotAcceptedException;
import dev.steward.core.config.CoalesceSettings;
import dev.steward.core.engine.AppliedStateStore;
import dev.steward.core.engine.FileAppliedStateStore;
import dev.steward.core.engine.ReloadEngine;
import dev.steward.core.metrics.PrometheusMetrics;
import dev.steward.core.storage.AppendOnlyJournal;
import dev.steward.core.testing.ManualScheduler;
import dev.steward.core.testing.MemoryStateStore;
import dev.steward.core.testing.RecordingBackend;
import dev.steward.core.testing.Routing;
import dev.steward.testkit.ManualTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The http source over a real engine (not started: what it accepted is its state) and a real journal
 * on disk; a restart is a new engine and a new source over the same files.
 */
class HttpBroadcastSourceTest {
    private static final CoalesceSettings SETTINGS = new CoalesceSettings(Duration.ofMillis(100), 3, Duration.ofSeconds(1),
            Duration.ofSeconds(30));

    @TempDir
    Path directory;

    private final List<HttpBroadcastSource> sources = new ArrayList<>();
    private ReloadEngine engine = newEngine(new MemoryStateStore());
    /** Every broadcast list the engine accepted from the http source since the last restart. */
    private final List<List<Broadcast>> accepted = new ArrayList<>();
    private boolean refuse;

    private ReloadEngine newEngine(AppliedStateStore store) {
        ManualTime time = new ManualTime();
        return new ReloadEngine(new RecordingBackend(), SETTINGS, new ManualScheduler(time), time, new PrometheusMetrics(), List.of(), store);
    }

    private Path file() {
        return directory.resolve("http/changes.journal");
    }

    /** The engine's sink for the http source, recording what it accepted, and refusing like a full disk when told. */
    private BroadcastSink sink() {
        BroadcastSink engineSink = engine.sink("http");
        return new BroadcastSink() {
            @Override
            public long accept(List<Broadcast> broadcasts) {
                if (refuse) {
                    throw new NotAcceptedException("disk full", new IOException("No space left on device"));
                }
                long revision = engineSink.accept(broadcasts);
                accepted.add(broadcasts);
                return revision;
            }

            @Override
            public void reject(InvalidBroadcastException problem) {
                engineSink.reject(problem);
            }

            @Override
            public void reject(BroadcastKind kind, InvalidBroadcastException problem) {
                engineSink.reject(kind, problem);
            }
        };
    }

    private HttpBroadcastSource started() {
        return started(HttpSourceJournal.MIN_COMPACTION_BYTES);
    }

    private HttpBroadcastSource started(long minCompaction) {
        HttpBroadcastSource source = new HttpBroadcastSource(file(), minCompaction);
        sources.add(source);
        source.start(sink());
        return source;
    }

    /** A stop and a start: the source's journal stays, the engine starts empty unless {@code otherSources} deliver first. */
    private HttpBroadcastSource restarted(Broadcast... otherSources) {
        sources.forEach(HttpBroadcastSource::close);
        engine = newEngine(new MemoryStateStore());
        accepted.clear();
        if (otherSources.length > 0) {
            engine.accept("file", List.of(otherSources));
        }
        return started();
    }

    @AfterEach
    void closeSources() {
        sources.forEach(HttpBroadcastSource::close);
    }

    @Test
    void nothingJournaledReplaysNothing() {
        started();
        assertThat(accepted).isEmpty();
    }

    @Test
    void theNewestOfEachKindIsDeliveredAgainAfterARestart() {
        HttpBroadcastSource source = started();
        source.deliver(Routing.oneGroup(1));
        source.deliver(Routing.fallback(2));
        source.deliver(Routing.oneGroup(3));

        restarted();

        assertThat(accepted).containsExactly(List.of(Routing.oneGroup(3), Routing.fallback(2)));
    }

    @Test
    void onlyKindsThatCameOverHttpAreReplayedSoOtherSourcesKeepTheirs() {
        started().deliver(Routing.fallback(2));

        restarted(Routing.oneGroup(7));

        assertThat(accepted).containsExactly(List.of(Routing.fallback(2)));
        assertThat(engine.state().targetGroups()).isEqualTo(Routing.oneGroup(7));
    }

    @Test
    void whatTheSinkRefusedIsNotDeliveredAgainAfterARestart() {
        HttpBroadcastSource source = started();
        source.deliver(Routing.oneGroup(1));
        refuse = true;
        assertThatThrownBy(() -> source.deliver(Routing.oneGroup(2))).isInstanceOf(NotAcceptedException.class);
        refuse = false;
        assertThatThrownBy(() -> source.deliver(new TargetGroupRemoval("nothing-of-that-name")))
                .isInstanceOf(UnknownGroupException.class);
        assertThatThrownBy(() -> source.deliver(new TargetGroupPut(Groups.group("clash", "/app", 9))))
                .isInstanceOf(InvalidBroadcastException.class).hasMessageContaining("routePrefix");

        restarted();

        assertThat(accepted).containsExactly(List.of(Routing.oneGroup(1)));
    }

    @Test
    void aCorruptJournalStopsStartUpNamingTheFile() throws IOException {
        Files.createDirectories(file().getParent());
        try (AppendOnlyJournal journal = AppendOnlyJournal.open(file(), (offset, record) -> {})) {
            journal.append("{\"targetGroups\": [{\"name\": \"a#b\"}]}".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(this::started)
                .isInstanceOf(HttpJournalException.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("targetGroups[0]");
        assertThat(accepted).isEmpty();
    }

    @Test
    void aChangeOfOneGroupIsDeliveredAgainOverWhatTheOtherSourcesDeliveredFirst() {
        TargetGroups fromTheFile = Groups.of(Groups.group("a", "/a", 20001), Groups.group("b", "/b", 20002));
        engine.accept("file", List.of(fromTheFile));
        HttpBroadcastSource source = started();
        TargetGroupPut newB = new TargetGroupPut(Groups.group("b", "/b", 29002));
        source.deliver(newB);
        source.deliver(new TargetGroupRemoval("a"));

        restarted(fromTheFile);

        assertThat(accepted).containsExactly(List.of(newB, new TargetGroupRemoval("a")));
        assertThat(engine.state().targetGroups()).isEqualTo(Groups.of(Groups.group("b", "/b", 29002)));
    }

    @Test
    void aChangeTheStateAtStartNoLongerTakesIsSkippedAndTheRestIsDelivered() {
        engine.accept("file", List.of(Groups.of(Groups.group("old", "/old", 20001))));
        HttpBroadcastSource source = started();
        source.deliver(Routing.fallback(20100));
        source.deliver(new TargetGroupRemoval("old"));
        source.deliver(new TargetGroupPut(Groups.group("new", "/new", 20002)));

        // The file was edited while Steward was down: "old" is gone, and "/new" is another group's route.
        restarted(Groups.of(Groups.group("taken", "/new", 20003)));

        assertThat(engine.state().fallbackTargets()).isEqualTo(Routing.fallback(20100));
        assertThat(engine.state().targetGroups()).isEqualTo(Groups.of(Groups.group("taken", "/new", 20003)));
    }

    @Test
    void aTornLastRecordLosesOnlyThatChangeWhicheverByteTheCrashStoppedAt() throws IOException {
        HttpBroadcastSource source = started();
        source.deliver(Groups.numbered(5));
        long before = Files.size(file());
        source.deliver(new TargetGroupPut(Groups.group(9, 20009)));
        source.close();
        byte[] whole = Files.readAllBytes(file());

        for (long cut = before + 1; cut < whole.length; cut++) {
            Files.write(file(), Arrays.copyOf(whole, (int) cut));

            restarted();

            assertThat(accepted).as("cut at %d", cut).containsExactly(List.of(Groups.numbered(5)));
        }
        Files.write(file(), whole);
        restarted();
        assertThat(engine.state().targetGroups().groups()).hasSize(6);
    }

    @Test
    void whatIsWrittenPerPutGrowsWithTheChangeNotWithTheState() throws IOException {
        HttpBroadcastSource source = started();
        TargetGroups state = Groups.numbered(2000);
        source.deliver(state);
        long afterSnapshot = Files.size(file());

        List<TargetGroup> changed = new ArrayList<>(state.groups());
        for (int i = 0; i < 20; i++) {
            changed.set(i * 97, Groups.group(i * 97, 29000 + i));
            source.deliver(new TargetGroups(changed));
        }
        long perPut = (Files.size(file()) - afterSnapshot) / 20;

        assertThat(afterSnapshot).as("the first, whole, snapshot").isGreaterThan(200_000);
        assertThat(perPut).as("bytes journaled per whole PUT with one group changed").isLessThan(400);
        restarted();
        assertThat(engine.state().targetGroups()).isEqualTo(new TargetGroups(changed));
    }

    @Test
    void compactionKeepsTheJournalNearTheSizeOfTheStateAndLosesNothing() throws IOException {
        long minCompaction = 16 * 1024;
        HttpBroadcastSource source = started(minCompaction);
        source.deliver(Groups.numbered(20));
        long largest = 0;
        for (int i = 0; i < 1000; i++) {
            source.deliver(new TargetGroupPut(Groups.group(i % 30, 21000 + i)));
            if (i % 7 == 0) {
                source.deliver(new TargetGroupRemoval("g" + (i % 30)));
            }
            largest = Math.max(largest, Files.size(file()));
        }
        TargetGroups expected = engine.state().targetGroups();

        assertThat(largest).as("the journal's size, bounded by twice the compaction threshold and one record")
                .isLessThan(2 * minCompaction + 1024);
        restarted();
        assertThat(engine.state().targetGroups()).isEqualTo(expected);
        assertThat(file().getParent()).isDirectoryNotContaining("glob:**.compacting");
    }

    @Test
    void revisionsOnlyGrowAndEvery202IsThereAfterACrash() {
        Path store = directory.resolve("engine/applied-state.json");
        engine = newEngine(new FileAppliedStateStore(store));
        HttpBroadcastSource source = started();
        long last = 0;
        for (int i = 0; i < 5; i++) {
            long revision = source.deliver(new TargetGroupPut(Groups.group(i, 20000 + i)));
            assertThat(revision).isGreaterThan(last);
            last = revision;
        }

        // A crash: nothing is stopped, nothing was applied, the engine's reservation is not returned.
        engine = newEngine(new FileAppliedStateStore(store));
        accepted.clear();
        HttpBroadcastSource afterCrash = started();

        long replayed = engine.state().revision();
        assertThat(replayed).isGreaterThan(last);
        assertThat(engine.state().targetGroups()).isEqualTo(Groups.numbered(5));
        assertThat(afterCrash.deliver(new TargetGroupRemoval("g0"))).isGreaterThan(replayed);
    }

    @Test
    void aSourceThatIsNotStartedRefusesToDeliver() {
        HttpBroadcastSource source = new HttpBroadcastSource(file());

        assertThatThrownBy(() -> source.deliver(Routing.oneGroup(1))).isInstanceOf(IllegalStateException.class);
        assertThat(file()).doesNotExist();
    }

    @Test
    void routesAreTheFourRoutingChanges() {
        assertThat(new HttpBroadcastSource(file()).routes()).extracting(route -> route.method() + " " + route.path().text())
                .containsExactly("PUT /v1/target-groups", "PUT /v1/fallback-targets", "PUT /v1/target-groups/{name}",
                        "DELETE /v1/target-groups/{name}");
        assertThat(new HttpBroadcastSourceProvider().routes()).extracting(route -> route.method() + " " + route.path().text())
                .containsExactly("PUT /v1/target-groups", "PUT /v1/fallback-targets", "PUT /v1/target-groups/{name}",
                        "DELETE /v1/target-groups/{name}");
    }
}
