package dev.steward.haproxy.serving;

import static java.util.Objects.requireNonNull;

import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.output.OutputFiles;
import dev.steward.haproxy.process.HaproxyProcess;
import dev.steward.haproxy.settings.RuntimePaths;
import dev.steward.haproxy.slots.SlotSync;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a process on the live configuration, which holds the slots as they were last set, in place
 * of one that exited; what was draining there is gone with it, and the slots are set right as after
 * a reload. The server-state file is empty since the last reload, so the health checks bring the
 * states back.
 */
public final class Restarts {
    private static final Logger log = LoggerFactory.getLogger(Restarts.class);

    private final Spawner spawner;
    private final Processes processes;
    private final SlotSync slots;
    private final OutputFiles outputs;
    private final RuntimePaths paths;
    private final TimeSource time;

    public Restarts(Spawner spawner, Processes processes, SlotSync slots, OutputFiles outputs, RuntimePaths paths, TimeSource time) {
        this.spawner = requireNonNull(spawner, "spawner is null");
        this.processes = requireNonNull(processes, "processes is null");
        this.slots = requireNonNull(slots, "slots is null");
        this.outputs = requireNonNull(outputs, "outputs is null");
        this.paths = requireNonNull(paths, "paths is null");
        this.time = requireNonNull(time, "time is null");
    }

    /** @return the new process; empty when {@code exited} no longer serves (an apply replaced it) */
    public Optional<HaproxyProcess> restart(HaproxyProcess exited, String cause) {
        requireNonNull(exited, "exited is null");
        requireNonNull(cause, "cause is null");
        if (!processes.serves(exited)) {
            return Optional.empty();
        }
        Running last = processes.last().orElseThrow();
        log.info("Restarting HAProxy on the configuration of revision {} after {}", last.state().revision(), cause);
        HaproxyProcess next = spawner.start(paths.liveConfig());
        processes.serve(new Running(next, last.served(), time.wallTime()));
        processes.record();
        outputs.prune(processes.aliveSpawns());
        slots.finishReload(last.state(), last.plan());
        return Optional.of(next);
    }
}
