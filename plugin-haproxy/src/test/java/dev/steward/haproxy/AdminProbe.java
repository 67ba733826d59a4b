package dev.steward.haproxy;

import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.haproxy.runtime.RuntimeApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Asks {@code show info} on the admin socket at a steady pace from its own thread and records how long
 * each answer took: the measure of whether HAProxy is stuck (the pipe deadlock stopped exactly this).
 */
final class AdminProbe implements AutoCloseable {
    /** The pace of the questions: a measuring interval, not a synchronisation. */
    private static final Duration PACE = Duration.ofMillis(20);

    private final RuntimeApi api;
    private final List<Long> micros = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private final List<String> failureSamples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;
    private Result result;

    private AdminProbe(RuntimeApi api) {
        this.api = api;
        this.thread = Thread.ofPlatform().name("admin-probe").daemon().start(this::run);
    }

    static AdminProbe start(RuntimeApi api) {
        return new AdminProbe(api);
    }

    synchronized Result stop() {
        if (result == null) {
            stopping = true;
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            List<Long> sorted = new ArrayList<>(micros);
            sorted.sort(null);
            result = new Result(sorted.size(), failures.get(), percentile(sorted, 0.50), percentile(sorted, 0.95),
                    percentile(sorted, 0.99),
                    sorted.isEmpty() ? 0 : sorted.getLast(), List.copyOf(failureSamples));
        }
        return result;
    }

    @Override
    public void close() {
        stop();
    }

    /** Latencies in microseconds; a failure is a command that did not answer within the command timeout. */
    record Result(
            int answers, long failures, long p50Micros, long p95Micros, long p99Micros, long maxMicros,
            List<String> failureSamples) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d answers to show info, %d failed, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms,"
                    + " max %.2f ms %s", answers, failures, p50Micros / 1000.0, p95Micros / 1000.0, p99Micros / 1000.0,
                    maxMicros / 1000.0, failureSamples);
        }
    }

    private void run() {
        while (!stopping) {
            long start = System.nanoTime();
            try {
                api.showInfo();
                micros.add((System.nanoTime() - start) / 1000);
            } catch (RuntimeApiException failed) {
                failures.incrementAndGet();
                if (failureSamples.size() < 5) {
                    failureSamples.add(failed.getMessage());
                }
            }
            LockSupport.parkNanos(PACE.toNanos());
        }
    }

    private static long percentile(List<Long> sorted, double quantile) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
