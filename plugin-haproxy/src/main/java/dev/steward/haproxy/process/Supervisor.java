package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import dev.steward.api.metrics.Metrics;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.runtime.HaproxyException;
import dev.steward.haproxy.settings.RestartPolicy;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts the serving HAProxy when it exits without being told to (a crash, a {@code kill -9}), on
 * the last configuration that served, after a growing delay, and counts the restarts. An old process
 * that exits after a reload, or any process during a stop, is no concern of it.
 */
public final class Supervisor implements AutoCloseable {
    public static final String RESTARTS_METRIC = "steward_haproxy_restarts_total";

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    /** What the supervisor acts through; implemented by the backend, under the lock its applies hold. */
    public interface Restarter {
        /** Whether {@code process} is the serving one: only then is its exit unexpected. */
        boolean serves(HaproxyProcess process);

        /**
         * Starts a process on the last good configuration in place of {@code exited} and proves it took over.
         *
         * @return the new process; empty when {@code exited} no longer serves (an apply replaced it) or the backend is closed
         * @throws RuntimeException ({@link HaproxyException}, {@link ApplyException}, {@link UncheckedIOException}) when the start fails
         */
        Optional<HaproxyProcess> restart(HaproxyProcess exited, String cause);
    }

    private final Restarter restarter;
    private final RestartBackoff backoff;
    private final Metrics.CounterMetric restartsMetric;
    private final TimeSource time;
    private final AtomicLong restarts = new AtomicLong();
    private final Executor executor = task -> Thread.ofVirtual().name("steward-haproxy-supervisor").start(task);
    private volatile Optional<String> pending = Optional.empty();
    private volatile boolean closed;

    public Supervisor(Restarter restarter, RestartPolicy policy, Metrics metrics, TimeSource time) {
        this.restarter = requireNonNull(restarter, "restarter is null");
        this.backoff = new RestartBackoff(requireNonNull(policy, "policy is null"));
        this.restartsMetric = requireNonNull(metrics, "metrics is null")
                .counter(RESTARTS_METRIC, "Restarts of HAProxy after it exited unexpectedly.");
        this.time = requireNonNull(time, "time is null");
    }

    /** Watches a process that now serves. */
    public void watch(HaproxyProcess process) {
        requireNonNull(process, "process is null");
        long since = time.monotonicNanos();
        process.onExit().thenRunAsync(() -> exited(process, since), executor);
    }

    /** Restarts so far. */
    public long restarts() {
        return restarts.get();
    }

    /** What the supervisor is about to do, while a restart is pending. */
    public Optional<String> pending() {
        return pending;
    }

    @Override
    public void close() {
        closed = true;
        pending = Optional.empty();
    }

    private void exited(HaproxyProcess process, long since) {
        if (closed || !restarter.serves(process)) {
            return;
        }
        Duration served = Duration.ofNanos(time.monotonicNanos() - since);
        String cause = process.describe() + " " + process.exitDescription() + " after serving for " + served.toMillis() + " ms";
        schedule(process, cause, served, cause);
    }

    /** @param situation what the log and the status say: the cause, and the last failed restart if any */
    private void schedule(HaproxyProcess exited, String cause, Duration served, String situation) {
        Duration delay = backoff.next(served);
        pending = Optional.of("restarting in " + delay.toMillis() + " ms: " + situation);
        log.warn("{}; restarting HAProxy on the last good configuration in {} ms", situation, delay.toMillis());
        CompletableFuture.runAsync(() -> attempt(exited, cause),
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, executor));
    }

    private void attempt(HaproxyProcess exited, String cause) {
        if (closed) {
            return;
        }
        try {
            Optional<HaproxyProcess> next = restarter.restart(exited, cause);
            pending = Optional.empty();
            next.ifPresent(process -> {
                restarts.incrementAndGet();
                restartsMetric.increment();
                watch(process);
                log.info("{} serves again after {}", process.describe(), cause);
            });
        } catch (HaproxyException | ApplyException | UncheckedIOException failure) {
            if (!closed) {
                schedule(exited, cause, Duration.ZERO, cause + "; the restart failed: " + failure.getMessage());
            }
        }
    }
}
