package dev.steward.haproxy.apply;

import static java.util.Objects.requireNonNull;

import dev.steward.api.proxy.ApplyException;
import dev.steward.haproxy.runtime.RuntimeApiException;
import dev.steward.haproxy.serving.Processes;
import dev.steward.haproxy.serving.Reloader;
import dev.steward.haproxy.serving.Running;
import dev.steward.haproxy.slots.Reconciliation;
import dev.steward.haproxy.slots.RuntimeMetrics;
import dev.steward.haproxy.slots.SlotSync;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between applies: compares what HAProxy reports with the desired slots and sets right what drifted
 * (an operator's command, a process restarted on an older view), and returns drained slots to their
 * pools. What cannot be set at runtime, or a command that fails, costs a validated reload of the same
 * state. Not thread-safe: the backend calls it under its lock.
 */
public final class DriftRepair {
    private static final Logger log = LoggerFactory.getLogger(DriftRepair.class);

    private final Processes processes;
    private final SlotSync slots;
    private final Reloader reloader;
    private final RuntimeMetrics metrics;

    public DriftRepair(Processes processes, SlotSync slots, Reloader reloader, RuntimeMetrics metrics) {
        this.processes = requireNonNull(processes, "processes is null");
        this.slots = requireNonNull(slots, "slots is null");
        this.reloader = requireNonNull(reloader, "reloader is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /** An adopted process is left alone: its slots are read back at the next apply. */
    public void repair() {
        Optional<Running> serving = processes.serving().filter(current -> !current.adopted());
        if (serving.isEmpty()) {
            return;
        }
        Running current = serving.get();
        String reason;
        try {
            Reconciliation repair = slots.repair(current.state(), current.plan());
            if (repair.reachable()) {
                if (!repair.commands().isEmpty()) {
                    metrics.repaired(repair.commands().size());
                    log.warn("HAProxy had drifted from revision {}; repaired with {}", current.state().revision(), repair.commands());
                }
                return;
            }
            reason = "drift cannot be repaired at runtime: " + String.join("; ", repair.unreachable());
        } catch (RuntimeApiException failure) {
            metrics.fallback(RuntimeMetrics.Activity.RECONCILE);
            log.warn("Runtime command \"{}\" failed while repairing drift; falling back to a reload: {}", failure.command(),
                    failure.getMessage());
            reason = "the drift repair failed: " + failure.getMessage();
        }
        try {
            reloader.reload(current.state(), current.plan(), serving, reason);
        } catch (ApplyException problem) {
            log.error("The reload that was to repair drift failed; {} keeps serving: {}", current.process().describe(),
                    problem.getMessage());
        }
    }

    /** Returns the drained slots of the serving process to their pools. */
    public void completeDrains() {
        Optional<Running> serving = processes.serving();
        if (serving.isPresent() && slots.draining()) {
            slots.completeDrains(serving.get().state(), serving.get().plan());
        }
    }
}
