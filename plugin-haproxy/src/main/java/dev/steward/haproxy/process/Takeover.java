package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.output.OutputFiles;
import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.haproxy.runtime.RuntimeApiException;
import java.time.Duration;

/**
 * Proves that a new process took over: it answers {@code show info} on the admin socket with its own
 * pid. An answer from the old process, which holds the socket until the new one replaces it, proves
 * nothing; a new process that exits first has failed, and its stderr says why.
 */
public final class Takeover {
    private static final Duration POLL = Duration.ofMillis(20);

    private final RuntimeApi api;
    private final TimeSource time;
    private final Duration timeout;

    public Takeover(RuntimeApi api, TimeSource time, Duration timeout) {
        this.api = requireNonNull(api, "api is null");
        this.time = requireNonNull(time, "time is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** @throws ApplyException when the process exits or does not answer with its pid in time */
    public void await(HaproxyProcess process) {
        requireNonNull(process, "process is null");
        long deadline = time.monotonicNanos() + timeout.toNanos();
        String lastAnswer = "no answer yet";
        while (time.monotonicNanos() < deadline) {
            if (!process.isAlive()) {
                throw new ApplyException(ApplyMode.RELOAD, process.describe() + " " + process.exitDescription()
                        + " during start-up; " + stderrTail(process));
            }
            try {
                long answeringPid = api.showInfo().pid();
                if (answeringPid == process.pid()) {
                    return;
                }
                lastAnswer = "pid " + answeringPid + " answered";
            } catch (RuntimeApiException notYet) {
                lastAnswer = notYet.getMessage();
            }
            process.awaitExit(POLL);
            if (Thread.currentThread().isInterrupted()) {
                throw new ApplyException(ApplyMode.RELOAD, "interrupted while waiting for " + process.describe() + " to take over");
            }
        }
        throw new ApplyException(ApplyMode.RELOAD, process.describe() + " did not answer on the admin socket with its own pid within "
                + timeout.toMillis() + " ms (" + lastAnswer + "); " + stderrTail(process));
    }

    private static String stderrTail(HaproxyProcess process) {
        return "its stderr (" + process.stderr() + ") ends with:\n" + OutputFiles.tail(process.stderr());
    }
}
