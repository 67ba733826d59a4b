package dev.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.Broadcast;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.RoutingDocument;
import dev.steward.api.model.TargetGroups;
import dev.steward.testkit.Eventually;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.GetResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source against a real etcd, with a sink that records what it is given. */
class EtcdBroadcastSourceTest {
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @TempDir
    Path home;

    private EtcdServer etcd;
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private final RecordingSink sink = new RecordingSink();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final KeyLayout layout = TestSources.layout();

    @BeforeEach
    void startEtcd() {
        etcd = EtcdServer.start(home);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable closeable : closeLast.reversed()) {
            closeable.close();
        }
        etcd.close();
    }

    @Test
    void startDeliversTheWholeStateAsOneRevisionThenEachTransactionAsOne() {
        long first = publish(States.app(20001, "r1"));
        EtcdBroadcastSource source = started("node-a", etcd.endpoint().toString());

        assertThat(sink.accepted()).hasSize(1);
        assertThat(sink.last()).extracting(Broadcast::kind)
                .containsExactly(BroadcastKind.TARGET_GROUPS, BroadcastKind.FALLBACK_TARGETS);
        assertThat(replicaOf(sink.last())).isEqualTo("r1");

        long second = publish(States.app(20002, "r2"));
        Eventually.await("the second transaction", DEADLINE, () -> sink.revision() == 2);
        assertThat(replicaOf(sink.last())).isEqualTo("r2");

        source.applied(1);
        Eventually.await("the acknowledgement of the first", DEADLINE, () -> ack("node-a").equals(Optional.of(new Ack(first, 0))));
        source.settled(2);
        source.applied(2);
        Eventually.await("the acknowledgement of the second", DEADLINE,
                () -> ack("node-a").equals(Optional.of(new Ack(second, second))));
        assertThat(metrics.value("steward_etcd_full_reads_total", "start")).isEqualTo(1);
    }

    @Test
    void aBadDocumentIsRejectedWithItsKeyLineAndFieldAndTheLastGoodStateKeepsServing() {
        publish(States.app(20001, "r1"));
        started("node-a", etcd.endpoint().toString());

        put(layout.state(BroadcastKind.TARGET_GROUPS), """
                {
                  "targetGroups": [
                    {"name": "app", "routePrefix": "/app",
                     "targets": [{"host": "127.0.0.1", "port": 0, "replicaId": "r1"}]}
                  ]
                }
                """);
        Eventually.await("the rejection", DEADLINE, () -> !sink.rejected().isEmpty());

        assertThat(sink.rejected().getFirst()).hasMessage(
                "/fleet/state/target-groups:4: targetGroups[0].targets[0].port: must be between 1 and 65535, found 0");
        assertThat(sink.revision()).isEqualTo(1);

        publish(States.app(20003, "r3"));
        Eventually.await("the next good state", DEADLINE, () -> sink.revision() == 2);
        assertThat(replicaOf(sink.last())).isEqualTo("r3");
    }

    @Test
    void aStateStewardCannotRecordIsReadAgainUntilItIsAccepted() {
        publish(States.app(20001, "r1"));
        started("node-a", etcd.endpoint().toString());
        sink.refuseNext(2);

        publish(States.app(20002, "r2"));
        publish(States.app(20003, "r3"));

        Eventually.await("the newest state, after the refusals", DEADLINE, () -> replicaOf(sink.last()).equals("r3"));
        assertThat(sink.refusals()).isEqualTo(2);
        assertThat(metrics.value("steward_etcd_full_reads_total", "not-accepted")).isPositive();
        assertThat(metrics.value("steward_etcd_failures_total", "deliver")).isEqualTo(2);
    }

    @Test
    void aRestartOfEtcdUnderARunningWatchLosesNoUpdate() {
        publish(States.app(20001, "r1"));
        started("node-a", etcd.endpoint().toString());

        etcd.restart();
        for (int i = 2; i <= 4; i++) {
            publish(States.app(20000 + i, "r" + i));
        }

        Eventually.await("every update after the restart", DEADLINE, () -> sink.revision() == 4);
        assertThat(sink.accepted()).extracting(EtcdBroadcastSourceTest::replicaOf).containsExactly("r1", "r2", "r3", "r4");
        assertThat(metrics.value("steward_etcd_watch_interruptions_total", "disconnected")).isPositive();
    }

    @Test
    void aLostConnectionResumesFromTheLastRevisionSeenSoUpdatesWrittenMeanwhileAllArrive() {
        publish(States.app(20001, "r1"));
        TcpProxy proxy = proxy();
        started("node-a", proxy.endpoint().toString());

        proxy.cut();
        Eventually.await("the watch noticed", DEADLINE,
                () -> metrics.value("steward_etcd_watch_interruptions_total", "disconnected") > 0);
        for (int i = 2; i <= 4; i++) {
            publish(States.app(20000 + i, "r" + i));
        }
        proxy.restore();

        Eventually.await("the updates written while cut off", DEADLINE, () -> sink.revision() == 4);
        assertThat(sink.accepted()).extracting(EtcdBroadcastSourceTest::replicaOf).containsExactly("r1", "r2", "r3", "r4");
        assertThat(metrics.value("steward_etcd_full_reads_total", "compacted")).isZero();
    }

    @Test
    void aCompactionPastTheLastRevisionSeenForcesAFullRead() throws Exception {
        publish(States.app(20001, "r1"));
        TcpProxy proxy = proxy();
        started("node-a", proxy.endpoint().toString());

        proxy.cut();
        Eventually.await("the watch noticed", DEADLINE,
                () -> metrics.value("steward_etcd_watch_interruptions_total", "disconnected") > 0);
        publish(States.app(20002, "r2"));
        long last = publish(States.app(20003, "r3"));
        etcd.client().getKVClient().compact(last).get(5, TimeUnit.SECONDS);
        proxy.restore();

        Eventually.await("the full read", DEADLINE, () -> metrics.value("steward_etcd_full_reads_total", "compacted") == 1);
        Eventually.await("the newest state", DEADLINE, () -> sink.revision() == 2);
        assertThat(replicaOf(sink.last())).isEqualTo("r3");
        assertThat(metrics.value("steward_etcd_watch_interruptions_total", "compacted")).isEqualTo(1);

        publish(States.app(20004, "r4"));
        Eventually.await("the watch after the full read", DEADLINE, () -> sink.revision() == 3);
    }

    @Test
    void theAcknowledgementDisappearsWithItsLeaseAndIsWrittenAgainOnANewOne() {
        long revision = publish(States.app(20001, "r1"));
        TcpProxy proxy = proxy();
        EtcdBroadcastSource source = started("node-a", proxy.endpoint().toString());
        source.applied(1);
        Eventually.await("the acknowledgement", DEADLINE, () -> ack("node-a").isPresent());

        proxy.cut();
        Eventually.await("the lease's expiry", DEADLINE, () -> ack("node-a").isEmpty());
        proxy.restore();

        Eventually.await("the acknowledgement again", DEADLINE, () -> ack("node-a").equals(Optional.of(new Ack(revision, 0))));
        assertThat(metrics.value("steward_etcd_lease_grants_total")).isEqualTo(2);
    }

    @Test
    void closingRevokesTheLeaseSoTheAcknowledgementGoesAtOnce() {
        publish(States.app(20001, "r1"));
        EtcdBroadcastSource source = started("node-a", etcd.endpoint().toString());
        source.applied(1);
        Eventually.await("the acknowledgement", DEADLINE, () -> ack("node-a").isPresent());

        source.close();

        assertThat(ack("node-a")).isEmpty();
    }

    @Test
    void theFleetHasSettledAtTheOldestRevisionOfItsLiveNodes() {
        long first = publish(States.app(20001, "r1"));
        EtcdBroadcastSource fast = started("fast", etcd.endpoint().toString());
        RecordingSink slowSink = new RecordingSink();
        EtcdBroadcastSource slow = TestSources.create(etcd.endpoint(), "slow", new RecordingMetrics(), home);
        closeLast.add(slow);
        slow.start(slowSink);
        fast.applied(1);
        fast.settled(1);
        slow.applied(1);
        slow.settled(1);
        Eventually.await("both acknowledge the first", DEADLINE, () -> fast.fleetSettled().getAsLong() == 1);

        publish(States.app(20002, "r2"));
        Eventually.await("both receive the second", DEADLINE, () -> sink.revision() == 2 && slowSink.revision() == 2);
        fast.applied(2);
        fast.settled(2);
        Eventually.await("the fast node's acknowledgement", DEADLINE, () -> ack("fast").orElseThrow().settled() > first);

        assertThat(fast.fleetSettled()).hasValue(1);
        slow.applied(2);
        slow.settled(2);
        Eventually.await("the slow node catches up", DEADLINE, () -> fast.fleetSettled().getAsLong() == 2);

        slow.close();
        assertThat(ack("slow")).isEmpty();
    }

    private EtcdBroadcastSource started(String nodeId, String endpoint) {
        EtcdBroadcastSource source = TestSources.create(java.net.URI.create(endpoint), nodeId, metrics, home);
        closeLast.add(source);
        source.start(sink);
        return source;
    }

    private TcpProxy proxy() {
        TcpProxy proxy = TcpProxy.to(etcd.clientPort());
        closeLast.add(proxy);
        return proxy;
    }

    private long publish(RoutingDocument document) {
        return StatePublisher.publish(etcd.client(), etcd.connection(), layout, document);
    }

    private void put(String key, String value) {
        try {
            etcd.client().getKVClient().put(bytes(key), bytes(value)).get(5, TimeUnit.SECONDS);
        } catch (Exception failure) {
            throw new AssertionError(failure);
        }
    }

    private Optional<Ack> ack(String node) {
        try {
            GetResponse response = etcd.client().getKVClient().get(bytes(layout.ack(node))).get(5, TimeUnit.SECONDS);
            return response.getKvs().stream().findFirst()
                    .map(entry -> Ack.parse(entry.getValue().toString(StandardCharsets.UTF_8)).orElseThrow());
        } catch (Exception failure) {
            throw new AssertionError(failure);
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    private static String replicaOf(List<Broadcast> broadcasts) {
        for (Broadcast broadcast : broadcasts) {
            if (broadcast instanceof TargetGroups groups) {
                return groups.groups().getFirst().targets().getFirst().replicaId();
            }
        }
        assertThat(broadcasts).noneMatch(FallbackTargets.class::isInstance);
        return "";
    }
}
