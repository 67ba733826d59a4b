package dev.steward.loopback;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Clients that keep requesting routes through a proxy over keep-alive connections, each on a virtual
 * thread, and tell apart what a client can tell apart: an answer from the route's own deployment, a
 * misroute, another status, a refused connection, a keep-alive connection the proxy closed before an
 * answer started (sent again on a new connection, as an HTTP client does), and any other failure (a
 * timeout, a cut answer). Built with {@link #to(URI)}.
 */
public final class LoadLoop implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration AWAIT_BOUND = Duration.ofSeconds(30);
    /** Between attempts after a failed connect: paces a loop that cannot reach the proxy, synchronises nothing. */
    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(5);

    private final InetSocketAddress proxy;
    private final List<LoadRoute> routes;
    private final List<byte[]> requests;
    private final Duration pause;
    private final Optional<Duration> lasting;
    private final LoadCounters counters = new LoadCounters();
    private final List<Thread> workers = new ArrayList<>();
    private final long started = System.nanoTime();
    private volatile boolean stopping;
    private LoadReport result;

    LoadLoop(URI proxy, List<LoadRoute> routes, int connections, Duration pause, Optional<Duration> lasting) {
        this.proxy = new InetSocketAddress(proxy.getHost(), proxy.getPort());
        this.routes = List.copyOf(routes);
        String host = proxy.getRawAuthority();
        this.requests = this.routes.stream().map(route -> route.request(host)).toList();
        this.pause = pause;
        this.lasting = lasting;
        for (int i = 0; i < connections; i++) {
            int first = i;
            workers.add(Thread.ofVirtual().name("load-" + i).start(() -> run(first)));
        }
    }

    /** A load on {@code proxy}, such as {@code http://127.0.0.1:8080}. */
    public static LoadLoopBuilder to(URI proxy) {
        return new LoadLoopBuilder(proxy);
    }

    /** A load on a loopback port. */
    public static LoadLoopBuilder to(int port) {
        return to(URI.create("http://127.0.0.1:" + port));
    }

    /** Answers received so far, of any status. */
    public long responses() {
        return counters.responses();
    }

    /** What the clients saw so far. */
    public LoadReport report() {
        return counters.report(Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Waits until {@code count} more answers than now have arrived.
     *
     * @throws IllegalStateException when they did not within 30 seconds, or the load stopped first
     */
    public void awaitMoreResponses(long count) {
        long target = responses() + count;
        try {
            if (!counters.awaitResponses(target, AWAIT_BOUND)) {
                throw new IllegalStateException(count + " more responses did not arrive within " + AWAIT_BOUND.toSeconds()
                        + " s or before the load stopped: " + report());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + count + " more responses", interrupted);
        }
    }

    /** Lets the load run for a measuring window, then stops it. */
    public LoadReport runFor(Duration window) {
        long end = System.nanoTime() + window.toNanos();
        for (long left = window.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        return stop();
    }

    /**
     * Waits until a load built {@link LoadLoopBuilder#lasting lasting} a time has run it, and returns what it saw.
     *
     * @throws IllegalStateException when the load runs until stopped
     */
    public LoadReport awaitEnd() {
        Duration duration = lasting.orElseThrow(() ->
                new IllegalStateException("this load runs until stopped; only one built lasting a time ends by itself"));
        Duration left = duration.minusNanos(System.nanoTime() - started);
        join((left.isNegative() ? Duration.ZERO : left).plus(TIMEOUT.multipliedBy(2)));
        return stop();
    }

    /** Stops every connection, waits for the answers in flight, and returns what the load saw; idempotent. */
    public synchronized LoadReport stop() {
        if (result == null) {
            stopping = true;
            counters.stop();
            join(TIMEOUT.multipliedBy(2));
            result = report();
        }
        return result;
    }

    @Override
    public void close() {
        stop();
    }

    private void join(Duration bound) {
        long end = System.nanoTime() + bound.toNanos();
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean running() {
        return !stopping && lasting.map(duration -> System.nanoTime() - started < duration.toNanos()).orElse(true);
    }

    private void run(int first) {
        Optional<LoadConnection> connection = Optional.empty();
        int turn = first;
        while (running()) {
            int index = turn % routes.size();
            try {
                if (connection.isEmpty()) {
                    connection = Optional.of(LoadConnection.open(proxy, TIMEOUT));
                }
                LoadConnection.Answer answer = connection.get().exchange(requests.get(index));
                counters.answer(routes.get(index), answer.status(), answer.body());
                turn++;
                if (answer.closes()) {
                    connection = close(connection);
                }
                if (pause.isPositive()) {
                    LockSupport.parkNanos(pause.toNanos());
                }
            } catch (ConnectException refused) {
                counters.refused(refused.getMessage());
                turn++;
                LockSupport.parkNanos(RECONNECT_PAUSE.toNanos());
            } catch (HttpReader.ClosedBeforeMessage closed) {
                if (connection.map(LoadConnection::served).orElse(0L) > 0) {
                    // The same request goes again on a new connection.
                    counters.closedBeforeResponse();
                } else if (!stopping) {
                    counters.failed("a new connection closed before its first response");
                    turn++;
                }
                connection = close(connection);
            } catch (IOException | RuntimeException problem) {
                if (!stopping) {
                    counters.failed(problem.toString());
                }
                turn++;
                connection = close(connection);
            }
        }
        close(connection);
    }

    private static Optional<LoadConnection> close(Optional<LoadConnection> connection) {
        connection.ifPresent(LoadConnection::close);
        return Optional.empty();
    }
}
