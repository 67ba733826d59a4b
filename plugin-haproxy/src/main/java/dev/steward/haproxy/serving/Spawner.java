package dev.steward.haproxy.serving;

import static java.util.Objects.requireNonNull;

import dev.steward.api.proxy.ApplyException;
import dev.steward.haproxy.process.HaproxyProcess;
import dev.steward.haproxy.process.Installation;
import dev.steward.haproxy.process.ProcessStopper;
import dev.steward.haproxy.process.Takeover;
import java.nio.file.Path;

/** Spawns HAProxy and proves the new process took over; one that does not is stopped, and the failure says why. */
public final class Spawner {
    private final Installation installation;
    private final Takeover takeover;
    private final ProcessStopper stopper;
    private final Processes processes;

    public Spawner(Installation installation, Takeover takeover, ProcessStopper stopper, Processes processes) {
        this.installation = requireNonNull(installation, "installation is null");
        this.takeover = requireNonNull(takeover, "takeover is null");
        this.stopper = requireNonNull(stopper, "stopper is null");
        this.processes = requireNonNull(processes, "processes is null");
    }

    /** @throws ApplyException when the process does not take over */
    public HaproxyProcess start(Path config) {
        return prove(installation.launcher().start(config));
    }

    /** Starts a process on {@code config} in place of {@code old}. @throws ApplyException when it does not take over */
    public HaproxyProcess replace(Path config, HaproxyProcess old) {
        return prove(installation.launcher().replace(config, old));
    }

    private HaproxyProcess prove(HaproxyProcess next) {
        processes.spawned(next);
        try {
            takeover.await(next);
            return next;
        } catch (ApplyException failure) {
            stopper.hardStop(next);
            throw failure;
        }
    }
}
