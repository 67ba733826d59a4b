package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import dev.steward.api.time.TimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops HAProxy processes: a soft stop first (SIGUSR1: stop listening, finish the connections in
 * flight), a hard stop for what is left when the bound has passed.
 */
public final class ProcessStopper {
    private static final Logger log = LoggerFactory.getLogger(ProcessStopper.class);
    /** After SIGTERM HAProxy exits at once; this only covers a process that is stuck. */
    private static final Duration HARD_STOP_GRACE = Duration.ofSeconds(2);
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(5);
    /** How often a long wait for open requests says it still waits. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final TimeSource time;

    public ProcessStopper(TimeSource time) {
        this.time = requireNonNull(time, "time is null");
    }

    /** Soft-stops every process, waits up to {@code bound} for all of them, then stops the rest hard. */
    public void stop(List<HaproxyProcess> processes, Duration bound) {
        requireNonNull(processes, "processes is null");
        requireNonNull(bound, "bound is null");
        processes.stream().filter(HaproxyProcess::isAlive).forEach(this::softStop);
        long start = time.monotonicNanos();
        long deadline = start + bound.toNanos();
        for (HaproxyProcess process : processes) {
            if (!awaitExit(process, start, deadline)) {
                log.warn("{} still runs after {} ms of soft stop; stopping it hard", process.describe(), bound.toMillis());
                hardStop(process);
            }
        }
    }

    /** Waits for the process up to the deadline, saying every few seconds that it still waits. */
    private boolean awaitExit(HaproxyProcess process, long start, long deadline) {
        while (true) {
            long remaining = deadline - time.monotonicNanos();
            if (process.awaitExit(Duration.ofNanos(Math.max(0, Math.min(remaining, PROGRESS_EVERY.toNanos()))))) {
                return true;
            }
            if (deadline - time.monotonicNanos() <= 0) {
                return false;
            }
            log.info("Waiting for {} to finish its open requests: {} s passed, stopped hard after {} s", process.describe(),
                    Duration.ofNanos(time.monotonicNanos() - start).toSeconds(), Duration.ofNanos(deadline - start).toSeconds());
        }
    }

    /** SIGTERM, then SIGKILL if HAProxy does not exit at once. */
    public void hardStop(HaproxyProcess process) {
        requireNonNull(process, "process is null");
        process.terminate();
        if (!process.awaitExit(HARD_STOP_GRACE)) {
            process.kill();
            process.awaitExit(HARD_STOP_GRACE);
        }
    }

    private void softStop(HaproxyProcess process) {
        // The JDK sends only SIGTERM and SIGKILL; HAProxy's graceful stop is SIGUSR1.
        List<String> command = List.of("kill", "-USR1", Long.toString(process.pid()));
        try {
            Process kill = new ProcessBuilder(command)
                    .redirectInput(HaproxyLauncher.NO_INPUT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(SIGNAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException problem) {
            log.warn("cannot soft-stop {}: {}; it will be stopped hard after the bound", process.describe(), problem.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
