package dev.steward.portquarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.steward.api.PortPolicy;
import dev.steward.api.ports.NodePorts;
import dev.steward.api.ports.PortLease;
import dev.steward.api.ports.PortRequestException;
import dev.steward.api.ports.PortRequestException.Kind;
import dev.steward.api.ports.PortsExhaustedException;
import dev.steward.api.ports.QuarantinedPort;
import dev.steward.api.ports.ReleaseMode;
import dev.steward.testkit.ManualTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random sequences of allocate, release (quarantine or block), recover, applied, clock advances and
 * restarts over a small range, checked after every step against a model of what may happen. Rerun
 * one failing sequence with {@code -Dsteward.property.seed=SEED -Dsteward.property.sequences=1}.
 */
class PortPolicyPropertyTest {
    private static final long FIRST_SEED = Long.getLong("steward.property.seed", 20_260_301L);
    private static final int SEQUENCES = Integer.getInteger("steward.property.sequences", 120);
    private static final int STEPS = 150;

    private static final int LOW = 20000;
    private static final int HIGH = 20005;
    private static final long WINDOW = Duration.ofSeconds(10).toNanos();
    private static final long CAP = Duration.ofSeconds(60).toNanos();
    private static final String SETTINGS = "range = \"" + LOW + "-" + HIGH + "\"\nwindow = 10s\ncap = 60s";
    private static final List<String> NODES = List.of("node-a", "node-b");
    private static final List<Duration> ADVANCES = List.of(
            Duration.ofNanos(1), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(61));

    @TempDir
    Path root;

    @Test
    void everyInvariantHoldsAfterEveryStepOfManyRandomSequences() throws IOException {
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            long seed = FIRST_SEED + sequence;
            Path dataDirectory = Files.createDirectory(root.resolve("sequence-" + sequence));
            Run run = new Run(new Random(seed), dataDirectory);
            try {
                run.play();
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError("sequence with seed " + seed + " failed at step " + run.step + " (" + run.lastAction
                        + "); rerun it with -Dsteward.property.seed=" + seed + " -Dsteward.property.sequences=1", failure);
            }
        }
    }

    /** What the model knows of a port that is not free. Times are the test's own, which restarts do not reset. */
    private sealed interface Expected {}

    private record Allocated(String owner) implements Expected {}

    /**
     * @param earliestNanos before this, even with every confirmation, the port must not return
     * @param capNanos before this, without confirmation, the port must not return
     * @param windowEndsNanos when the policy, which counts time left again after a restart, ends the window
     * @param capEndsNanos when the policy ends the cap
     */
    private record Quarantined(long revision, long earliestNanos, long capNanos, long windowEndsNanos, long capEndsNanos)
            implements Expected {
        boolean safeToReturn(long nowNanos, long applied) {
            return (nowNanos >= earliestNanos && applied >= revision) || nowNanos >= capNanos;
        }

        boolean due(long nowNanos, long applied) {
            return (nowNanos >= windowEndsNanos && applied >= revision) || nowNanos >= capEndsNanos;
        }
    }

    private record Blocked() implements Expected {}

    private static final class Run {
        private final Random random;
        private final Path dataDirectory;
        private final ManualTime time = new ManualTime();
        private final Map<String, Map<Integer, Expected>> expected = new HashMap<>();
        private PortPolicy policy;
        private long nowNanos;
        private long savedAtNanos;
        private long accepted;
        private long applied = -1;
        private int step;
        private String lastAction = "start";

        Run(Random random, Path dataDirectory) {
            this.random = random;
            this.dataDirectory = dataDirectory;
            time.restartMonotonic(random.nextLong());
            policy = Policies.create(SETTINGS, dataDirectory, time, new RecordingMetrics());
            NODES.forEach(node -> expected.put(node, new HashMap<>()));
        }

        void play() {
            for (step = 0; step < STEPS; step++) {
                int dice = random.nextInt(100);
                if (dice < 30) {
                    allocate(node(), "r" + random.nextInt(6));
                } else if (dice < 55) {
                    release(node(), port(), random.nextBoolean() ? ReleaseMode.QUARANTINE : ReleaseMode.BLOCK);
                } else if (dice < 63) {
                    recover(node(), port(), "r" + random.nextInt(6));
                } else if (dice < 73) {
                    applied(random.nextLong(accepted + 1));
                } else if (dice < 83) {
                    accepted += 1 + random.nextInt(3);
                    lastAction = "accepted revision " + accepted;
                } else if (dice < 97) {
                    advance(ADVANCES.get(random.nextInt(ADVANCES.size())));
                } else {
                    restart();
                }
                checkEveryNode();
            }
        }

        private void allocate(String node, String owner) {
            lastAction = "allocate(" + node + ", " + owner + ")";
            Map<Integer, Expected> ports = expected.get(node);
            Map<Integer, Expected> before = new TreeMap<>(ports);
            ports.values().removeIf(state -> state instanceof Quarantined quarantined && quarantined.due(nowNanos, applied));
            Integer lowest = lowestFree(ports);
            if (lowest == null) {
                assertThatThrownBy(() -> policy.allocate(node, owner))
                        .as("exhausted only when no port is free or due back")
                        .isInstanceOfSatisfying(PortsExhaustedException.class, exhausted -> assertThat(
                                        List.of(exhausted.allocated(), exhausted.quarantined(), exhausted.blocked()))
                                .containsExactly(count(ports, Allocated.class), count(ports, Quarantined.class),
                                        count(ports, Blocked.class)));
                return;
            }
            int port = policy.allocate(node, owner).port();
            lastAction += " = " + port;
            Expected was = before.get(port);
            assertThat(was instanceof Allocated).as("allocated port %d handed out again", port).isFalse();
            assertThat(was instanceof Blocked).as("blocked port %d handed out", port).isFalse();
            if (was instanceof Quarantined held) {
                assertThat(held.safeToReturn(nowNanos, applied))
                        .as("quarantined port %d handed out before its window and confirmation, or its cap", port).isTrue();
            }
            assertThat(port).as("the lowest free port").isEqualTo(lowest);
            ports.put(port, new Allocated(owner));
            savedAtNanos = nowNanos;
        }

        private void release(String node, int port, ReleaseMode how) {
            lastAction = "release(" + node + ", " + port + ", " + how + ", " + accepted + ")";
            Map<Integer, Expected> ports = expected.get(node);
            if (port > HIGH) {
                assertRejected(() -> policy.release(node, port, how, accepted), Kind.INVALID);
                return;
            }
            if (!(ports.get(port) instanceof Allocated)) {
                assertRejected(() -> policy.release(node, port, how, accepted), Kind.CONFLICT);
                return;
            }
            policy.release(node, port, how, accepted);
            ports.put(port, switch (how) {
                case QUARANTINE -> new Quarantined(accepted, nowNanos + WINDOW, nowNanos + CAP, nowNanos + WINDOW, nowNanos + CAP);
                case BLOCK -> new Blocked();
            });
            savedAtNanos = nowNanos;
        }

        private void recover(String node, int port, String owner) {
            lastAction = "recover(" + node + ", " + port + ", " + owner + ")";
            Map<Integer, Expected> ports = expected.get(node);
            if (port > HIGH) {
                assertRejected(() -> policy.recover(node, port, owner), Kind.INVALID);
                return;
            }
            Expected was = ports.get(port);
            if (was instanceof Blocked || (was instanceof Allocated allocated && !allocated.owner().equals(owner))) {
                assertRejected(() -> policy.recover(node, port, owner), Kind.CONFLICT);
                return;
            }
            assertThat(policy.recover(node, port, owner)).isEqualTo(new PortLease(node, port, owner));
            if (!(was instanceof Allocated)) {
                ports.put(port, new Allocated(owner));
                savedAtNanos = nowNanos;
            }
        }

        private void applied(long revision) {
            lastAction = "applied(" + revision + ")";
            policy.applied(revision);
            if (revision > applied) {
                applied = revision;
                savedAtNanos = nowNanos;
            }
        }

        private void advance(Duration elapsed) {
            lastAction = "advance " + elapsed;
            time.advance(elapsed);
            nowNanos += elapsed.toNanos();
        }

        /** The saved time left counts again from the restart: the policy's deadlines move later, never earlier. */
        private void restart() {
            lastAction = "restart";
            policy.close();
            time.restartMonotonic(random.nextLong());
            policy = Policies.create(SETTINGS, dataDirectory, time, new RecordingMetrics());
            long shift = nowNanos - savedAtNanos;
            for (Map<Integer, Expected> ports : expected.values()) {
                ports.replaceAll((port, state) -> state instanceof Quarantined held
                        ? new Quarantined(held.revision(), held.earliestNanos(), held.capNanos(),
                                Math.max(held.windowEndsNanos(), savedAtNanos) + shift,
                                Math.max(held.capEndsNanos(), savedAtNanos) + shift)
                        : state);
            }
            savedAtNanos = nowNanos;
        }

        private void checkEveryNode() {
            for (String node : NODES) {
                NodePorts ports = policy.ports(node);
                // A look at a node ends its quarantines that are due, and saves that, as an allocation does.
                if (expected.get(node).values().removeIf(state -> state instanceof Quarantined held && held.due(nowNanos, applied))) {
                    savedAtNanos = nowNanos;
                }
                List<Integer> listed = new ArrayList<>();
                ports.allocated().forEach(lease -> listed.add(lease.port()));
                ports.quarantined().forEach(quarantined -> listed.add(quarantined.port()));
                listed.addAll(ports.blocked());
                assertThat(listed).as("every port of %s in exactly one state", node).doesNotHaveDuplicates();
                assertThat(listed).allSatisfy(port -> assertThat(port).isBetween(LOW, HIGH));

                Map<Integer, Expected> model = expected.get(node);
                for (QuarantinedPort quarantined : ports.quarantined()) {
                    if (!(model.get(quarantined.port()) instanceof Quarantined held)) {
                        fail("port %d of %s is quarantined, expected %s", quarantined.port(), node, model.get(quarantined.port()));
                        return;
                    }
                    assertThat(quarantined.releasedRevision()).isEqualTo(held.revision());
                }
                for (Map.Entry<Integer, Expected> entry : model.entrySet()) {
                    if (entry.getValue() instanceof Quarantined held && !ports.quarantined().stream()
                            .map(QuarantinedPort::port).toList().contains(entry.getKey())) {
                        assertThat(held.safeToReturn(nowNanos, applied))
                                .as("quarantined port %d of %s left quarantine before its window and confirmation or cap",
                                        entry.getKey(), node)
                                .isTrue();
                    }
                }
                assertThat(ports.allocated()).containsExactlyElementsOf(allocated(node, model));
                assertThat(ports.quarantined()).extracting(QuarantinedPort::port).containsExactlyElementsOf(ports(model, Quarantined.class));
                assertThat(ports.blocked()).containsExactlyElementsOf(ports(model, Blocked.class));
            }
        }

        private String node() {
            return NODES.get(random.nextInt(NODES.size()));
        }

        /** Mostly a port of the range, now and then one just past it. */
        private int port() {
            return LOW + random.nextInt(HIGH - LOW + 2);
        }

        private static Integer lowestFree(Map<Integer, Expected> ports) {
            for (int port = LOW; port <= HIGH; port++) {
                if (!ports.containsKey(port)) {
                    return port;
                }
            }
            return null;
        }

        private static int count(Map<Integer, Expected> ports, Class<? extends Expected> state) {
            return ports(ports, state).size();
        }

        private static List<Integer> ports(Map<Integer, Expected> ports, Class<? extends Expected> state) {
            return new TreeMap<>(ports).entrySet().stream().filter(entry -> state.isInstance(entry.getValue()))
                    .map(Map.Entry::getKey).toList();
        }

        private static List<PortLease> allocated(String node, Map<Integer, Expected> ports) {
            return new TreeMap<>(ports).entrySet().stream()
                    .filter(entry -> entry.getValue() instanceof Allocated)
                    .map(entry -> new PortLease(node, entry.getKey(), ((Allocated) entry.getValue()).owner()))
                    .toList();
        }

        private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Kind kind) {
            assertThatThrownBy(call).isInstanceOfSatisfying(PortRequestException.class,
                    problem -> assertThat(problem.kind()).isEqualTo(kind));
        }
    }
}
