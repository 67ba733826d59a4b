package dev.steward.bench.proving;

import static java.util.Objects.requireNonNull;

import dev.steward.bench.haproxy.Samples;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Convergence of each broadcast: from the moment the engine accepted it to the moment the proxy
 * serves a revision that includes it (what {@code steward_convergence_seconds} measures), to within
 * the millisecond it polls at. Broadcasts absorbed into one apply all converge when it ends.
 */
final class ConvergenceWatch implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(1);

    private final StewardNode node;
    private final Deque<Accepted> pending = new ArrayDeque<>();
    private final List<Long> nanos = new ArrayList<>();
    private final Thread watcher;
    private volatile boolean watching = true;

    ConvergenceWatch(StewardNode node) {
        this.node = requireNonNull(node, "node is null");
        this.watcher = Thread.ofVirtual().name("bench-convergence").start(this::watch);
    }

    /** Notes that {@code revision} was accepted just now; call right after the broadcast. */
    synchronized void accepted(long revision, long acceptedNanos) {
        pending.addLast(new Accepted(revision, acceptedNanos));
    }

    /** Stops watching; broadcasts still unserved are not counted. */
    Samples samples() {
        close();
        synchronized (this) {
            return new Samples(nanos.stream().mapToLong(Long::longValue).toArray());
        }
    }

    @Override
    public void close() {
        watching = false;
        if (Thread.currentThread() != watcher) {
            try {
                watcher.join(Duration.ofSeconds(5));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void watch() {
        while (watching) {
            long applied = node.status().appliedRevision().orElse(-1L);
            long now = System.nanoTime();
            synchronized (this) {
                while (!pending.isEmpty() && pending.peekFirst().revision() <= applied) {
                    nanos.add(now - pending.removeFirst().nanos());
                }
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private record Accepted(long revision, long nanos) {}
}
