package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.settings.RetiringLimits;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a reload back while as many old processes as allowed still finish their connections, since the
 * reload adds one more: pile-ups of old HAProxy processes are what peer control planes are most blamed for.
 */
public final class RetiringGate {
    static final String SETTING = "steward.haproxy.retiring.max";

    private static final Logger log = LoggerFactory.getLogger(RetiringGate.class);

    private final RetiringProcesses retiring;
    private final RetiringLimits limits;
    private final TimeSource time;
    private volatile Optional<String> waiting = Optional.empty();

    public RetiringGate(RetiringProcesses retiring, RetiringLimits limits, TimeSource time) {
        this.retiring = requireNonNull(retiring, "retiring is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.time = requireNonNull(time, "time is null");
    }

    /**
     * Returns once fewer than the allowed number of old processes are alive.
     *
     * @throws ApplyException when none exits within the configured wait
     */
    public void awaitRoom(long revision) {
        List<HaproxyProcess> alive = retiring.alive();
        if (alive.size() < limits.max()) {
            return;
        }
        long start = time.monotonicNanos();
        long deadline = start + limits.maxWait().toNanos();
        String note = "the reload for revision " + revision + " waits: " + describe(alive);
        waiting = Optional.of(note);
        log.warn("{}; it waits up to {} ms for one to exit", note, limits.maxWait().toMillis());
        try {
            while (alive.size() >= limits.max()) {
                long remaining = deadline - time.monotonicNanos();
                if (remaining <= 0) {
                    throw new ApplyException(ApplyMode.RELOAD, "no reload for revision " + revision + ": " + describe(alive)
                            + ", and none exited within " + limits.maxWait().toMillis() + " ms");
                }
                awaitAnyExit(alive, remaining);
                alive = retiring.alive();
            }
            log.info("The reload for revision {} goes ahead after waiting {} ms for an old HAProxy process to exit", revision,
                    TimeUnit.NANOSECONDS.toMillis(time.monotonicNanos() - start));
        } finally {
            waiting = Optional.empty();
        }
    }

    /** What a reload waits for, while one does. */
    public Optional<String> waiting() {
        return waiting;
    }

    private String describe(List<HaproxyProcess> alive) {
        String pids = alive.stream().map(process -> Long.toString(process.pid())).sorted().collect(Collectors.joining(", "));
        String still = alive.size() == 1
                ? "1 old HAProxy process (pid " + pids + ") still finishes its connections"
                : alive.size() + " old HAProxy processes (pids " + pids + ") still finish their connections";
        return still + ", and " + SETTING + " allows " + limits.max();
    }

    private static void awaitAnyExit(List<HaproxyProcess> processes, long nanos) {
        try {
            CompletableFuture.anyOf(processes.stream().map(HaproxyProcess::onExit).toArray(CompletableFuture[]::new))
                    .get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException stillThere) {
            // The loop looks again and gives up at the deadline.
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ApplyException(ApplyMode.RELOAD, "interrupted while waiting for old HAProxy processes to exit", interrupted);
        }
    }
}
