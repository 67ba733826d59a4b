package dev.steward.portquarantine;

import static dev.steward.api.ports.ReleaseMode.BLOCK;
import static dev.steward.api.ports.ReleaseMode.QUARANTINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.PortPolicy;
import dev.steward.api.ports.NodePorts;
import dev.steward.api.ports.PortLease;
import dev.steward.api.ports.PortRequestException;
import dev.steward.api.ports.PortRequestException.Kind;
import dev.steward.api.ports.PortsExhaustedException;
import dev.steward.api.ports.QuarantinedPort;
import dev.steward.testkit.ManualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuarantinePortPolicyTest {
    private static final String NODE = "node-a";
    private static final String TEN_PORTS = "range = \"20000-20009\"";
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration CAP = Duration.ofMinutes(10);

    @TempDir
    Path dataDirectory;

    private final ManualTime time = new ManualTime();
    private final RecordingMetrics metrics = new RecordingMetrics();

    private PortPolicy policy(String settings) {
        return Policies.create(settings, dataDirectory, time, metrics);
    }

    @Test
    void allocatesTheLowestPortThatIsNeitherAllocatedQuarantinedNorBlocked() {
        PortPolicy policy = policy(TEN_PORTS);
        assertThat(policy.allocate(NODE, "r1")).isEqualTo(new PortLease(NODE, 20000, "r1"));
        assertThat(policy.allocate(NODE, "r2").port()).isEqualTo(20001);
        assertThat(policy.allocate(NODE, "r3").port()).isEqualTo(20002);
        policy.release(NODE, 20000, QUARANTINE, 1);
        policy.release(NODE, 20001, BLOCK, 1);
        policy.recover(NODE, 20003, "r4");

        assertThat(policy.allocate(NODE, "r5").port()).isEqualTo(20004);
        assertThat(policy.allocate(NODE, "r6").port()).isEqualTo(20005);
    }

    @Test
    void eachReplicaNodeHasItsOwnPorts() {
        PortPolicy policy = policy(TEN_PORTS);
        assertThat(policy.allocate("node-a", "r1").port()).isEqualTo(20000);
        assertThat(policy.allocate("node-b", "r2").port()).isEqualTo(20000);
        assertThat(policy.ports("node-b").allocated()).containsExactly(new PortLease("node-b", 20000, "r2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad node", "node#1", "-node", "node\nx", "x/y"})
    void rejectsANodeOutsideTheNameAlphabet(String node) {
        PortPolicy policy = policy(TEN_PORTS);
        assertInvalid(() -> policy.allocate(node, "r1"), "node");
        assertInvalid(() -> policy.release(node, 20000, QUARANTINE, 1), "node");
        assertInvalid(() -> policy.recover(node, 20000, "r1"), "node");
        assertInvalid(() -> policy.ports(node), "node");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "an owner", "owner#1", ".owner"})
    void rejectsAnOwnerOutsideTheNameAlphabetAndChangesNothing(String owner) {
        PortPolicy policy = policy(TEN_PORTS);
        assertInvalid(() -> policy.allocate(NODE, owner), "owner");
        assertInvalid(() -> policy.recover(NODE, 20000, owner), "owner");
        assertThat(policy.ports(NODE).allocated()).isEmpty();
    }

    @Test
    void aMissingNodeOrOwnerIsInvalidNotANullPointer() {
        PortPolicy policy = policy(TEN_PORTS);
        assertThatThrownBy(() -> policy.allocate(null, "r1")).isInstanceOfSatisfying(PortRequestException.class,
                problem -> assertThat(problem.reason()).isEqualTo("is required"));
        assertInvalid(() -> policy.allocate(NODE, null), "owner");
    }

    @Test
    void aReleasedPortIsHeldForTheWindowOnTheMonotonicClock() {
        PortPolicy policy = policy(TEN_PORTS);
        policy.allocate(NODE, "r1");
        policy.applied(5);
        policy.release(NODE, 20000, QUARANTINE, 5);

        time.setWallTime(time.wallTime().plus(Duration.ofHours(1)));
        assertThat(policy.allocate(NODE, "r2").port()).as("a wall clock jump does not end the window").isEqualTo(20001);
        time.advance(WINDOW.minusNanos(1));
        assertThat(policy.allocate(NODE, "r3").port()).isEqualTo(20002);
        time.advance(Duration.ofNanos(1));
        assertThat(policy.allocate(NODE, "r4").port()).isEqualTo(20000);
    }

    @Test
    void aZeroWindowFreesAReleasedPortAtOnce() {
        PortPolicy policy = policy(TEN_PORTS + "\nwindow = 0");
        policy.allocate(NODE, "r1");
        policy.release(NODE, 20000, QUARANTINE, 5);

        assertThat(policy.ports(NODE).quarantined()).isEmpty();
        assertThat(policy.allocate(NODE, "r2").port()).as("no window and no wait for the proxies").isEqualTo(20000);
    }

    @Test
    void aBlockedPortBypassesQuarantineAndNeverReturns() {
        PortPolicy policy = policy(TEN_PORTS);
        policy.allocate(NODE, "r1");
        policy.release(NODE, 20000, BLOCK, 5);
        policy.applied(5);

        assertThat(policy.ports(NODE)).isEqualTo(new NodePorts(NODE, List.of(), List.of(), List.of(20000)));
        time.advance(CAP.multipliedBy(10));
        assertThat(policy.allocate(NODE, "r2").port()).isEqualTo(20001);
        assertThat(policy.ports(NODE).blocked()).containsExactly(20000);
    }

    @Test
    void releasingAPortThatIsNotAllocatedIsAConflict() {
        PortPolicy policy = policy(TEN_PORTS);
        policy.allocate(NODE, "r1");
        policy.allocate(NODE, "r2");
        policy.release(NODE, 20000, QUARANTINE, 1);
        policy.release(NODE, 20001, BLOCK, 1);

        assertConflict(() -> policy.release(NODE, 20002, QUARANTINE, 1), "port 20002 is not allocated on node node-a, it is free");
        assertConflict(() -> policy.release(NODE, 20000, QUARANTINE, 1), "it is quarantined");
        assertConflict(() -> policy.release(NODE, 20000, BLOCK, 1), "it is quarantined");
        assertConflict(() -> policy.release(NODE, 20001, QUARANTINE, 1), "it is blocked");
        assertConflict(() -> policy.release("node-b", 20000, QUARANTINE, 1), "it is free");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 19999, 20010, 65536, -1})
    void aPortOutsideTheRangeIsInvalid(int port) {
        PortPolicy policy = policy(TEN_PORTS);
        assertInvalid(() -> policy.release(NODE, port, QUARANTINE, 1), "port");
        assertInvalid(() -> policy.recover(NODE, port, "r1"), "port");
    }

    @Test
    void aNegativeRevisionIsInvalid() {
        PortPolicy policy = policy(TEN_PORTS);
        policy.allocate(NODE, "r1");
        assertInvalid(() -> policy.release(NODE, 20000, QUARANTINE, -1), "revision");
        assertThat(policy.ports(NODE).allocated()).extracting(PortLease::port).containsExactly(20000);
    }

    /** The bug found in review of the original system: a recovered port sat both in the free heap and in quarantine. */
    @Test
    void aRecoveredThenReleasedPortIsNeverHandedOutWhileQuarantined() {
        PortPolicy policy = policy("range = \"20000-20003\"");
        policy.recover(NODE, 20000, "r1");
        policy.release(NODE, 20000, QUARANTINE, 3);

        List<Integer> handedOut = new ArrayList<>();
        assertThatThrownBy(() -> {
            while (true) {
                handedOut.add(policy.allocate(NODE, "r" + handedOut.size()).port());
            }
        }).isInstanceOf(PortsExhaustedException.class);
        assertThat(handedOut).containsExactly(20001, 20002, 20003);
        assertThat(policy.ports(NODE).quarantined()).extracting(QuarantinedPort::port).containsExactly(20000);
    }

    @Test
    void recoveringAPortAllocatedToTheSameOwnerIsIdempotent() {
        PortPolicy policy = policy(TEN_PORTS);
        PortLease lease = policy.allocate(NODE, "r1");
        assertThat(policy.recover(NODE, 20000, "r1")).isEqualTo(lease);
        assertThat(policy.ports(NODE).allocated()).containsExactly(lease);
    }

    @Test
    void recoveringAPortHeldByAnotherOwnerOrBlockedIsAConflict() {
        PortPolicy policy = policy(TEN_PORTS);
        policy.allocate(NODE, "r1");
        policy.allocate(NODE, "r2");
        policy.release(NODE, 20001, BLOCK, 1);

        assertConflict(() -> policy.recover(NODE, 20000, "r9"), "port 20000 on node node-a is allocated to r1");
        assertConflict(() -> policy.recover(NODE, 20001, "r9"), "port 20001 on node node-a is blocked");
    }

    @Test
    void recoveringAQuarantinedPortAllocatesItToItsOwnerAndItsNextReleaseQuarantinesItAgain() {
        PortPolicy policy = policy(TEN_PORTS);
        policy.allocate(NODE, "r1");
        policy.release(NODE, 20000, QUARANTINE, 3);

        try (LogCapture log = new LogCapture(QuarantinePortPolicy.class)) {
            assertThat(policy.recover(NODE, 20000, "r7")).isEqualTo(new PortLease(NODE, 20000, "r7"));
            assertThat(log.warnings()).singleElement().asString().contains("port 20000 on node node-a was quarantined");
        }
        assertThat(policy.ports(NODE)).isEqualTo(new NodePorts(NODE, List.of(new PortLease(NODE, 20000, "r7")), List.of(), List.of()));
        policy.release(NODE, 20000, QUARANTINE, 8);
        assertThat(policy.ports(NODE).quarantined()).extracting(QuarantinedPort::releasedRevision).containsExactly(8L);
    }

    @Test
    void aQuarantinedPortWaitsForTheProxiesToConfirmItsReleaseRevision() {
        PortPolicy policy = policy(TEN_PORTS);
        policy.allocate(NODE, "r1");
        policy.release(NODE, 20000, QUARANTINE, 5);
        time.advance(WINDOW.multipliedBy(3));

        assertThat(policy.allocate(NODE, "r2").port()).as("window passed, nothing confirmed").isEqualTo(20001);
        policy.applied(4);
        assertThat(policy.allocate(NODE, "r3").port()).as("an older revision may still route to it").isEqualTo(20002);
        policy.applied(5);
        assertThat(policy.allocate(NODE, "r4").port()).isEqualTo(20000);
    }

    @Test
    void withoutTheConvergenceGateTheWindowAloneHoldsAPort() {
        PortPolicy policy = policy(TEN_PORTS + "\nconvergence-gate = false");
        policy.allocate(NODE, "r1");
        policy.release(NODE, 20000, QUARANTINE, 5);

        assertThat(policy.allocate(NODE, "r2").port()).as("within the window").isEqualTo(20001);
        time.advance(WINDOW);
        assertThat(policy.allocate(NODE, "r3").port()).as("window passed, nothing confirmed").isEqualTo(20000);
    }

    @Test
    void aRevisionConfirmedBeforeTheReleaseLeavesOnlyTheWindow() {
        PortPolicy policy = policy(TEN_PORTS);
        policy.applied(9);
        policy.allocate(NODE, "r1");
        policy.release(NODE, 20000, QUARANTINE, 7);

        assertThat(policy.allocate(NODE, "r2").port()).isEqualTo(20001);
        time.advance(WINDOW);
        assertThat(policy.allocate(NODE, "r3").port()).isEqualTo(20000);
    }

    @Test
    void anOlderConfirmationArrivingLateDoesNotUndoANewerOne() {
        PortPolicy policy = policy(TEN_PORTS);
        policy.allocate(NODE, "r1");
        policy.release(NODE, 20000, QUARANTINE, 6);
        policy.applied(7);
        policy.applied(3);
        time.advance(WINDOW);

        assertThat(policy.allocate(NODE, "r2").port()).isEqualTo(20000);
    }

    @Test
    void afterTheCapAPortReturnsWithoutConfirmationAndAWarningSaysWhy() {
        PortPolicy policy = policy(TEN_PORTS);
        policy.allocate(NODE, "r1");
        policy.release(NODE, 20000, QUARANTINE, 5);
        policy.applied(4);

        try (LogCapture log = new LogCapture(QuarantinePortPolicy.class)) {
            time.advance(CAP.minusNanos(1));
            assertThat(policy.allocate(NODE, "r2").port()).isEqualTo(20001);
            assertThat(log.warnings()).isEmpty();

            time.advance(Duration.ofNanos(1));
            assertThat(policy.allocate(NODE, "r3").port()).isEqualTo(20000);
            assertThat(log.warnings()).singleElement().asString()
                    .contains("port 20000 on node node-a returns from quarantine at the cap of PT10M")
                    .contains("had not confirmed revision 5")
                    .contains("newest confirmed: 4");
        }
        assertThat(metrics.sample("steward_ports_returned_at_cap_total", NODE)).hasValue(1);
    }

    @Test
    void aLookAtANodeEndsItsDueQuarantinesSoTheViewAndTheGaugeShowWhatAnAllocationCouldTake() {
        PortPolicy policy = policy(TEN_PORTS);
        policy.allocate(NODE, "r1");
        policy.allocate(NODE, "r2");
        policy.release(NODE, 20000, QUARANTINE, 2);
        policy.release(NODE, 20001, QUARANTINE, 3);
        policy.applied(2);
        time.advance(WINDOW);

        assertThat(policy.ports(NODE).quarantined()).as("20001 waits for revision 3 to be confirmed")
                .extracting(QuarantinedPort::port).containsExactly(20001);
        assertThat(metrics.sample("steward_ports", NODE, "quarantined")).hasValue(1);

        policy.applied(3);
        assertThat(policy.ports(NODE)).isEqualTo(new NodePorts(NODE, List.of(), List.of(), List.of()));
        assertThat(metrics.sample("steward_ports", NODE, "quarantined")).hasValue(0);
        assertThat(metrics.sample("steward_ports_returned_at_cap_total", NODE)).hasValue(0);
    }

    @Test
    void aNodeWhoseLastReplicaIsGoneKeepsItsQuarantineUntilItExpires() {
        PortPolicy policy = policy(TEN_PORTS);
        policy.allocate(NODE, "r1");
        policy.release(NODE, 20000, QUARANTINE, 2);
        policy.allocate("node-b", "r2");
        policy.applied(2);
        time.advance(WINDOW.minusNanos(1));

        assertThat(policy.ports(NODE).quarantined()).extracting(QuarantinedPort::port).containsExactly(20000);
        assertThat(policy.allocate(NODE, "r3").port()).isEqualTo(20001);
        time.advance(Duration.ofNanos(1));
        policy.release(NODE, 20001, QUARANTINE, 2);
        assertThat(policy.allocate(NODE, "r4").port()).isEqualTo(20000);
    }

    @Test
    void exhaustionSaysHowManyPortsAreAllocatedQuarantinedAndBlocked() {
        PortPolicy policy = policy("range = \"20000-20003\"");
        for (int replica = 0; replica < 4; replica++) {
            policy.allocate(NODE, "r" + replica);
        }
        policy.release(NODE, 20001, QUARANTINE, 1);
        policy.release(NODE, 20002, BLOCK, 1);

        assertThatThrownBy(() -> policy.allocate(NODE, "r6"))
                .isInstanceOfSatisfying(PortsExhaustedException.class, exhausted -> {
                    assertThat(exhausted.node()).isEqualTo(NODE);
                    assertThat(List.of(exhausted.allocated(), exhausted.quarantined(), exhausted.blocked()))
                            .containsExactly(2, 1, 1);
                })
                .hasMessage("no free port on node node-a: 2 allocated, 1 quarantined, 1 blocked");
    }

    @Test
    void anExpiredQuarantineEndsExhaustionOnTheNextAllocation() {
        PortPolicy policy = policy("range = \"20000-20000\"");
        policy.allocate(NODE, "r1");
        policy.release(NODE, 20000, QUARANTINE, 1);
        assertThatThrownBy(() -> policy.allocate(NODE, "r2")).isInstanceOf(PortsExhaustedException.class);

        policy.applied(1);
        time.advance(WINDOW);
        assertThat(policy.allocate(NODE, "r2").port()).isEqualTo(20000);
    }

    @Test
    void portsListsEachStateWithTheQuarantinesWallClockNotBefore() {
        PortPolicy policy = policy(TEN_PORTS);
        Instant releasedAt = time.wallTime();
        policy.allocate(NODE, "r1");
        policy.allocate(NODE, "r2");
        policy.allocate(NODE, "r3");
        policy.release(NODE, 20002, QUARANTINE, 11);
        policy.release(NODE, 20001, BLOCK, 11);
        time.advance(Duration.ofSeconds(4));

        assertThat(policy.ports(NODE)).isEqualTo(new NodePorts(NODE,
                List.of(new PortLease(NODE, 20000, "r1")),
                List.of(new QuarantinedPort(20002, 11, releasedAt.plus(WINDOW))),
                List.of(20001)));
        assertThat(policy.ports("node-unknown")).isEqualTo(new NodePorts("node-unknown", List.of(), List.of(), List.of()));
    }

    @Test
    void theGaugeCountsEveryStateOfEveryNode() {
        PortPolicy policy = policy(TEN_PORTS);
        assertThat(metrics.labelNames("steward_ports")).containsExactly("node", "state");
        policy.allocate(NODE, "r1");
        policy.allocate(NODE, "r2");
        policy.allocate(NODE, "r3");
        assertGauge(NODE, 3, 0, 0);
        policy.release(NODE, 20000, QUARANTINE, 1);
        policy.release(NODE, 20001, BLOCK, 1);
        assertGauge(NODE, 1, 1, 1);

        policy.applied(1);
        time.advance(WINDOW);
        policy.allocate(NODE, "r4");
        assertGauge(NODE, 2, 0, 1);
        policy.release(NODE, 20000, BLOCK, 1);
        policy.release(NODE, 20002, BLOCK, 1);
        assertGauge(NODE, 0, 0, 3);
    }

    @Test
    void theGaugeDropsToZeroWhenANodeHasNoPortLeft() {
        PortPolicy policy = policy(TEN_PORTS + "\nwindow = 0");
        policy.allocate(NODE, "r1");
        policy.release(NODE, 20000, QUARANTINE, 1);
        assertGauge(NODE, 0, 0, 0);
    }

    @Test
    void concurrentAllocationsNeverShareAPort() throws Exception {
        PortPolicy policy = policy("range = \"20000-20999\"");
        int threads = 8;
        int perThread = 40;
        List<Callable<List<Integer>>> tasks = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            String owner = "t" + thread;
            tasks.add(() -> {
                List<Integer> ports = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    ports.add(policy.allocate(NODE, owner).port());
                }
                return ports;
            });
        }
        List<Integer> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<List<Integer>> result : pool.invokeAll(tasks)) {
                all.addAll(result.get());
            }
        }

        assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(policy.ports(NODE).allocated()).hasSize(threads * perThread);
    }

    private void assertGauge(String node, int allocated, int quarantined, int blocked) {
        assertThat(List.of(
                        metrics.sample("steward_ports", node, "allocated").orElseThrow(),
                        metrics.sample("steward_ports", node, "quarantined").orElseThrow(),
                        metrics.sample("steward_ports", node, "blocked").orElseThrow()))
                .containsExactly((double) allocated, (double) quarantined, (double) blocked);
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(PortRequestException.class, problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.INVALID);
            assertThat(problem.field()).isEqualTo(field);
        });
    }

    private static void assertConflict(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(PortRequestException.class, problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.CONFLICT);
            assertThat(problem.field()).isEqualTo("port");
            assertThat(problem.reason()).contains(reason);
        });
    }
}
