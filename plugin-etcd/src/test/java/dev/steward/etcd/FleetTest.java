package dev.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.RoutingDocument;
import dev.steward.api.ports.PortLease;
import dev.steward.api.ports.ReleaseMode;
import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.GetResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleets of Steward nodes, each a real engine and a real HAProxy on its own port, sharing a real etcd:
 * they converge to the same etcd revision, say so in their acknowledgements, and serve it.
 */
class FleetTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String REPLICAS = "replicas-1";

    @TempDir
    Path temp;

    private EtcdServer etcd;
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private final Map<String, Replica> replicas = new java.util.HashMap<>();
    private final KeyLayout layout = TestSources.layout();

    @BeforeEach
    void startEtcdAndReplicas() {
        etcd = EtcdServer.start(temp);
        for (String id : List.of("r1", "r2", "r3")) {
            Replica replica = Replica.start(id);
            replicas.put(id, replica);
            closeLast.add(replica);
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable closeable : closeLast.reversed()) {
            closeable.close();
        }
        etcd.close();
    }

    @Test
    void twoNodesConvergeToTheSameRevisionAndServeIt() {
        long first = publish("r1");
        StewardNode a = node("node-a", etcd.endpoint());
        StewardNode b = node("node-b", etcd.endpoint());
        awaitServing(first, "r1", a, b);

        long second = publish("r2");

        awaitServing(second, "r2", a, b);
        assertThat(a.status().converged()).isTrue();
        assertThat(b.status().converged()).isTrue();
    }

    @Test
    void aRestartOfEtcdUnderRunningWatchesLosesNoUpdate() {
        publish("r1");
        StewardNode a = node("node-a", etcd.endpoint());
        StewardNode b = node("node-b", etcd.endpoint());

        etcd.restart();
        long second = publish("r2");

        awaitServing(second, "r2", a, b);
    }

    @Test
    void aCompactionForcesAReReadAndTheNodesStillConverge() throws Exception {
        long first = publish("r1");
        TcpProxy link = proxy();
        StewardNode a = node("node-a", etcd.endpoint());
        StewardNode b = node("node-b", link.endpoint());
        awaitServing(first, "r1", a, b);

        link.cut();
        publish("r2");
        long third = publish("r3");
        etcd.client().getKVClient().compact(third).get(5, TimeUnit.SECONDS);
        link.restore();

        awaitServing(third, "r3", a, b);
        assertThat(gauge(b.metrics(), "steward_etcd_full_reads_total", "reason", "compacted")).isEqualTo(1);
        assertThat(gauge(a.metrics(), "steward_etcd_full_reads_total", "reason", "compacted")).isZero();
    }

    @Test
    void aNodeThatDiesLosesItsAcknowledgementWhenItsLeaseExpires() {
        long first = publish("r1");
        TcpProxy link = proxy();
        StewardNode a = node("node-a", etcd.endpoint());
        node("node-b", link.endpoint());
        awaitServing(first, "r1", a);
        Eventually.await("both acknowledgements", DEADLINE, () -> acks().keySet().equals(java.util.Set.of("node-a", "node-b")));

        link.cut();

        Eventually.await("node-b's acknowledgement gone", DEADLINE, () -> acks().keySet().equals(java.util.Set.of("node-a")));
        // Node a hears of the deletion through its watch, a moment after etcd made it.
        Eventually.await("node a counts one live node", DEADLINE, () -> gauge(a.metrics(), "steward_etcd_fleet_nodes") == 1);
    }

    /**
     * Node a releases a port that the old state routed to. The fleet gate holds it while node b, cut off
     * from etcd, still serves the old state; node c, dead, does not hold it; once b catches up it returns.
     */
    @Test
    void quarantineWaitsForTheSlowestLiveNode() {
        TcpProxy slowLink = proxy();
        TcpProxy deadLink = proxy();
        StewardNode a = node("node-a", etcd.endpoint());
        // Cut off from etcd for longer than a short lease, a node counts as gone: the slow one keeps a long one.
        StewardNode b = node("node-b", slowLink.endpoint(), "sources.etcd.lease-ttl = 30s");
        StewardNode c = node("node-c", deadLink.endpoint());
        PortLease old = a.ports().allocate(REPLICAS, "old");
        long first = publish(States.app(old.port(), "old"));
        Eventually.await("every node acknowledges the old state", DEADLINE, () -> acks().size() == 3
                && acks().values().stream().allMatch(ack -> ack.settled() == first));
        deadLink.cut();
        Eventually.await("node-c's acknowledgement gone", DEADLINE, () -> !acks().containsKey(c.id()));

        slowLink.cut();
        long second = publish("r2");
        Eventually.await("node-a serves the new state", DEADLINE, () -> a.get("/app").equals("r2"));
        long release = a.status().receivedRevision();
        a.ports().release(REPLICAS, old.port(), ReleaseMode.QUARANTINE, release);
        Eventually.await("node-a's own processes have settled", DEADLINE,
                () -> gauge(a.metrics(), "steward_settled_revision", "scope", "node") >= release);

        assertThat(gauge(a.metrics(), "steward_settled_revision", "scope", "fleet")).isLessThan(release);
        assertThat(a.ports().allocate(REPLICAS, "new").port()).as("while node-b serves the old state").isNotEqualTo(old.port());

        slowLink.restore();
        Eventually.await("node-b acknowledges the new state", DEADLINE,
                () -> Optional.ofNullable(acks().get(b.id())).map(Ack::settled).equals(Optional.of(second)));
        Eventually.await("node-a sees the fleet settled", DEADLINE,
                () -> gauge(a.metrics(), "steward_settled_revision", "scope", "fleet") >= release);
        assertThat(a.ports().allocate(REPLICAS, "newer").port()).isEqualTo(old.port());
    }

    private StewardNode node(String id, URI endpoint) {
        return node(id, endpoint, "");
    }

    private StewardNode node(String id, URI endpoint, String overrides) {
        StewardNode node = StewardNode.start(temp.resolve(id), id, endpoint, overrides);
        closeLast.add(node);
        return node;
    }

    private TcpProxy proxy() {
        TcpProxy proxy = TcpProxy.to(etcd.clientPort());
        closeLast.add(proxy);
        return proxy;
    }

    private long publish(String replica) {
        return publish(States.app(replicas.get(replica).port(), replica));
    }

    private long publish(RoutingDocument document) {
        return StatePublisher.publish(etcd.client(), etcd.connection(), layout, document);
    }

    /** Every node's HAProxy answers with {@code replica}, and every node acknowledges {@code revision}. */
    private void awaitServing(long revision, String replica, StewardNode... nodes) {
        for (StewardNode node : nodes) {
            Eventually.await(node.id() + " serves " + replica, DEADLINE, () -> node.get("/app").equals(replica));
            Eventually.await(node.id() + " acknowledges etcd revision " + revision, DEADLINE,
                    () -> Optional.ofNullable(acks().get(node.id())).map(Ack::applied).equals(Optional.of(revision)));
        }
    }

    private Map<String, Ack> acks() {
        try {
            GetResponse response = etcd.client().getKVClient().get(bytes(layout.ack("")),
                    io.etcd.jetcd.options.GetOption.builder().isPrefix(true).build()).get(5, TimeUnit.SECONDS);
            return response.getKvs().stream().collect(Collectors.toMap(
                    entry -> layout.ackNode(entry.getKey().toString(StandardCharsets.UTF_8)).orElseThrow(),
                    entry -> Ack.parse(entry.getValue().toString(StandardCharsets.UTF_8)).orElseThrow()));
        } catch (Exception failure) {
            throw new AssertionError(failure);
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    /** A sample of the Prometheus text, 0 when absent. */
    private static double gauge(String scrape, String name, String... label) {
        String labels = label.length == 0 ? "" : "\\{" + Pattern.quote(label[0] + "=\"" + label[1] + "\"") + "}";
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + labels + " (\\S+)$").matcher(scrape);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }
}
