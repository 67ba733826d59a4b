package dev.steward.haproxy.serving;

import static java.util.Objects.requireNonNull;

import dev.steward.api.proxy.ProxyStop;
import dev.steward.haproxy.process.HaproxyProcess;
import dev.steward.haproxy.process.ProcessStopper;
import dev.steward.haproxy.settings.RuntimePaths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stop of Steward does to its HAProxy processes. {@code STOP} soft-stops the serving process
 * and every old one, waits for all of them up to the bound, then stops hard what outlives it.
 * {@code KEEP} leaves them running, written down in the process record for the next Steward to take over.
 */
public final class Shutdown {
    private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

    private final Processes processes;
    private final ProcessStopper stopper;
    private final Duration stopTimeout;
    private final RuntimePaths paths;

    /** @param stopTimeout how long open requests have to finish before the processes are stopped hard */
    public Shutdown(Processes processes, ProcessStopper stopper, Duration stopTimeout, RuntimePaths paths) {
        this.processes = requireNonNull(processes, "processes is null");
        this.stopper = requireNonNull(stopper, "stopper is null");
        this.stopTimeout = requireNonNull(stopTimeout, "stopTimeout is null");
        this.paths = requireNonNull(paths, "paths is null");
    }

    public void stop(ProxyStop how) {
        requireNonNull(how, "how is null");
        if (how == ProxyStop.KEEP) {
            keepRunning();
        } else {
            stopAll();
        }
    }

    private void keepRunning() {
        processes.record();
        processes.serving().ifPresent(current -> log.info(
                "{} keeps serving revision {} while Steward is stopped: nothing supervises it or changes its routes until the"
                        + " next start of Steward on {} takes it over", current.process().describe(), current.state().revision(),
                paths.directory()));
        List<HaproxyProcess> old = processes.retiring().alive();
        if (!old.isEmpty()) {
            log.info("Left finishing their connections: {}", old.stream().map(HaproxyProcess::describe).collect(Collectors.joining(", ")));
        }
    }

    private void stopAll() {
        List<HaproxyProcess> all = processes.all();
        if (!all.isEmpty()) {
            log.info("Stopping {}; open requests have up to {} ms to finish",
                    all.stream().map(HaproxyProcess::describe).collect(Collectors.joining(", ")), stopTimeout.toMillis());
            stopper.stop(all, stopTimeout);
        }
        processes.clearRecord();
    }
}
