package dev.steward.bench.fleet;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * One fleet: etcd, two replicas, {@code nodes} Steward processes. Each round publishes a state that
 * sends {@code /app} to the other replica and times, from just before the transaction, the first and
 * the last node to serve it through HAProxy, and the moment every node has acknowledged it in etcd.
 */
final class FleetRun {
    private static final String PREFIX = "/bench";
    private static final Duration ROUND_DEADLINE = Duration.ofSeconds(30);
    private static final Duration PAUSE = Duration.ofMillis(2);

    /**
     * Milliseconds from the publish: every node's engine received it from etcd (from the nodes' logs, to
     * the millisecond), the first node served it, every node served it, every node acknowledged it.
     */
    record Round(double allReceive, double firstServes, double allServe, double allAcknowledge) {}

    /** What a round saw while it ran; when the engines received it is read from the logs at the end. */
    private record Timing(long revision, LocalTime published, double firstServes, double allServe, double allAcknowledge) {}

    private final Path distribution;
    private final Path directory;
    private final int nodes;
    private final String window;

    FleetRun(Path distribution, Path directory, int nodes, String window) {
        this.distribution = requireNonNull(distribution, "distribution is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.nodes = nodes;
        this.window = requireNonNull(window, "window is null");
    }

    List<Round> run(int rounds) throws IOException, InterruptedException, ExecutionException, TimeoutException {
        List<Timing> timings = new ArrayList<>();
        List<Map<Long, LocalTime>> accepted = new ArrayList<>();
        try (EtcdProcess etcd = EtcdProcess.start(directory);
                Replicas replicas = new Replicas(2);
                Publisher publisher = new Publisher(etcd.endpoint(), PREFIX);
                Acknowledgements acks = new Acknowledgements(etcd.endpoint(), PREFIX)) {
            publisher.publish(replicas.port(0), Replicas.id(0));
            List<StewardProcess> fleet = new ArrayList<>();
            try {
                for (int i = 0; i < nodes; i++) {
                    fleet.add(StewardProcess.start(distribution, directory, "node-" + i, etcd.endpoint(), PREFIX, window));
                }
                awaitServing(fleet, Replicas.id(0), Duration.ofSeconds(60));
                for (int round = 1; round <= rounds; round++) {
                    int replica = round % replicas.size();
                    timings.add(round(fleet, acks, () -> publisher.publish(replicas.port(replica), Replicas.id(replica)),
                            Replicas.id(replica)));
                }
                for (StewardProcess node : fleet) {
                    accepted.add(AcceptedLines.of(node.log()));
                }
            } finally {
                for (StewardProcess node : fleet) {
                    node.close();
                }
            }
        }
        return timings.stream().map(timing -> new Round(received(timing, accepted), timing.firstServes(),
                timing.allServe(), timing.allAcknowledge())).toList();
    }

    private static double received(Timing timing, List<Map<Long, LocalTime>> accepted) {
        LocalTime last = timing.published();
        for (Map<Long, LocalTime> node : accepted) {
            LocalTime at = node.get(timing.revision());
            if (at == null) {
                throw new IllegalStateException("a node's log has no line for etcd revision " + timing.revision());
            }
            last = at.isAfter(last) ? at : last;
        }
        return Duration.between(timing.published(), last).toNanos() / 1e6;
    }

    private Timing round(List<StewardProcess> fleet, Acknowledgements acks, Publish publish, String replica)
            throws InterruptedException, ExecutionException, TimeoutException {
        LocalTime published = LocalTime.now();
        long start = System.nanoTime();
        long revision = publish.publish();
        List<StewardProcess> waiting = new ArrayList<>(fleet);
        double first = -1;
        double all = -1;
        while (all < 0 || !acks.allAt(revision, nodes)) {
            waiting.removeIf(node -> Probe.get(node.proxyPort(), "/app").equals(replica));
            if (first < 0 && waiting.size() < fleet.size()) {
                first = millisSince(start);
            }
            if (all < 0 && waiting.isEmpty()) {
                all = millisSince(start);
            }
            if (System.nanoTime() - start > ROUND_DEADLINE.toNanos()) {
                throw new IllegalStateException("revision " + revision + " not served by every node within " + ROUND_DEADLINE
                        + "; still waiting: " + waiting.stream().map(StewardProcess::id).toList() + "; logs in " + directory);
            }
            Thread.sleep(PAUSE);
        }
        return new Timing(revision, published, first, all, millisSince(start));
    }

    private void awaitServing(List<StewardProcess> fleet, String replica, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        for (StewardProcess node : fleet) {
            while (!Probe.get(node.proxyPort(), "/app").equals(replica)) {
                if (!node.isAlive() || System.nanoTime() > end) {
                    throw new IllegalStateException(node.id() + " did not start serving; logs in " + directory);
                }
                Thread.sleep(50);
            }
        }
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    @FunctionalInterface
    private interface Publish {
        long publish() throws InterruptedException, ExecutionException, TimeoutException;
    }
}
