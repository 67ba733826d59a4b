package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Learns when processes that are not Steward's children exit, by looking every {@link #INTERVAL}.
 * The kernel tells only a parent when its child exits, and the JDK's own {@code onExit} for other
 * processes looks ever less often, up to every 5 s: too slow for a supervisor that must restart
 * the proxy within moments.
 */
public final class ExitPoller implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofMillis(100);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform()
            .name("steward-haproxy-exit-poller").daemon().unstarted(task));

    /** Completes once the process with {@code handle}'s pid that started at {@code started} no longer runs. */
    CompletableFuture<Void> watch(ProcessHandle handle, Optional<Instant> started) {
        requireNonNull(handle, "handle is null");
        requireNonNull(started, "started is null");
        CompletableFuture<Void> exit = new CompletableFuture<>();
        AtomicReference<ScheduledFuture<?>> poll = new AtomicReference<>();
        poll.set(executor.scheduleWithFixedDelay(() -> {
            if (!ProcessLiveness.alive(handle, started)) {
                exit.complete(null);
                poll.get().cancel(false);
            }
        }, INTERVAL.toNanos(), INTERVAL.toNanos(), TimeUnit.NANOSECONDS));
        return exit;
    }

    /** Stops looking; futures not completed by then never complete. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
