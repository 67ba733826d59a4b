package dev.steward.haproxy.output;

import static java.util.Objects.requireNonNull;

import dev.steward.api.metrics.Metrics;
import dev.steward.api.time.TimeSource;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads HAProxy's access log lines from a Unix datagram socket and writes each to the logger
 * {@value #LOGGER}, which logback routes (to a size-bounded rolling file, say). A bounded queue sits
 * between the two: when the logger falls behind, new lines are dropped and counted, so the socket is
 * always read, and HAProxy, which sends without waiting, never waits for Steward's disk.
 */
public final class AccessLogReceiver implements AutoCloseable {
    public static final String LOGGER = "steward.haproxy.access";
    public static final String DROPPED_METRIC = "steward_haproxy_access_log_dropped_total";

    private static final Logger log = LoggerFactory.getLogger(AccessLogReceiver.class);
    /** How often the reader looks whether it should stop. */
    private static final Duration RECEIVE_TIMEOUT = Duration.ofMillis(200);
    /** Room for bursts in the kernel; it caps this at net.core.rmem_max. */
    private static final int RECEIVE_BUFFER = 4 * 1024 * 1024;
    private static final Duration DROP_REPORT_INTERVAL = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long a stop lets the writer hand queued lines to the logger. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final Path socketPath;
    private final BlockingQueue<String> queue;
    private final Logger sink;
    private final Metrics.CounterMetric droppedMetric;
    private final TimeSource time;
    private final AtomicLong dropped = new AtomicLong();
    private UnixDatagramSocket socket;
    private Thread reader;
    private Thread writer;
    private volatile boolean stopping;
    private long reportedDrops;
    private long lastReport;

    public AccessLogReceiver(Path socketPath, int queueSize, Logger sink, Metrics metrics, TimeSource time) {
        this.socketPath = requireNonNull(socketPath, "socketPath is null");
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.sink = requireNonNull(sink, "sink is null");
        this.droppedMetric = requireNonNull(metrics, "metrics is null")
                .counter(DROPPED_METRIC, "HAProxy access log lines Steward dropped because its logger fell behind.");
        this.time = requireNonNull(time, "time is null");
    }

    /** Binds the socket and starts reading; HAProxy's lines sent before are lost. Idempotent. */
    public synchronized void start() {
        if (socket != null) {
            return;
        }
        socket = UnixDatagramSocket.bind(socketPath, RECEIVE_TIMEOUT, RECEIVE_BUFFER);
        lastReport = time.monotonicNanos() - DROP_REPORT_INTERVAL.toNanos();
        // Platform threads: a native receive would hold a virtual thread's carrier for its whole wait.
        reader = Thread.ofPlatform().name("steward-haproxy-access-log-reader").daemon().start(this::read);
        writer = Thread.ofPlatform().name("steward-haproxy-access-log-writer").daemon().start(this::write);
        log.info("HAProxy's access log arrives on {} and goes to the logger {}", socketPath, LOGGER);
    }

    /** Lines dropped so far because the logger fell behind. */
    long dropped() {
        return dropped.get();
    }

    /** Stops reading, lets the writer hand what is queued to the logger for a bounded time, closes the socket. */
    @Override
    public synchronized void close() {
        if (socket == null || stopping) {
            return;
        }
        stopping = true;
        join(reader, RECEIVE_TIMEOUT.multipliedBy(5));
        if (!join(writer, DRAIN)) {
            log.warn("{} HAProxy access log lines were still queued for the logger {} at stop", queue.size(), LOGGER);
            writer.interrupt();
        }
        if (!reader.isAlive()) {
            socket.close();
        }
    }

    private void read() {
        try {
            while (!stopping) {
                socket.receive().ifPresent(this::enqueue);
                reportDrops();
            }
        } catch (UncheckedIOException problem) {
            log.error("Reading HAProxy's access log stopped; HAProxy drops its lines from now on: {}", problem.getMessage());
        }
    }

    private void enqueue(String datagram) {
        String line = datagram.endsWith("\n") ? datagram.substring(0, datagram.length() - 1) : datagram;
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
            droppedMetric.increment();
        }
    }

    private void write() {
        try {
            while (true) {
                String line = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (line != null) {
                    sink.info(line);
                } else if (stopping) {
                    return;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A warning at most every ten seconds while lines are dropped, from the reader, which never waits for the logger. */
    private void reportDrops() {
        long drops = dropped.get();
        long now = time.monotonicNanos();
        if (drops > reportedDrops && now - lastReport >= DROP_REPORT_INTERVAL.toNanos()) {
            log.warn("{} HAProxy access log lines dropped so far ({} since the last report): the logger {} falls behind HAProxy",
                    drops, drops - reportedDrops, LOGGER);
            reportedDrops = drops;
            lastReport = now;
        }
    }

    private static boolean join(Thread thread, Duration bound) {
        try {
            return thread.join(bound);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return !thread.isAlive();
        }
    }
}
