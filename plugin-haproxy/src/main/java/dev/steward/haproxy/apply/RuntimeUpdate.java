package dev.steward.haproxy.apply;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.haproxy.config.ConfigRenderer;
import dev.steward.haproxy.output.AtomicFiles;
import dev.steward.haproxy.plan.ApplyPlan;
import dev.steward.haproxy.plan.ReloadReason;
import dev.steward.haproxy.plan.Served;
import dev.steward.haproxy.runtime.RuntimeApiException;
import dev.steward.haproxy.serving.Processes;
import dev.steward.haproxy.serving.Running;
import dev.steward.haproxy.settings.RuntimePaths;
import dev.steward.haproxy.slots.Reconciliation;
import dev.steward.haproxy.slots.RuntimeMetrics;
import dev.steward.haproxy.slots.SlotSync;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sets a runtime plan on the serving process, or says why that process cannot take it after all. */
final class RuntimeUpdate {
    private static final Logger log = LoggerFactory.getLogger(RuntimeUpdate.class);

    private final SlotSync slots;
    private final Processes processes;
    private final ConfigRenderer renderer;
    private final RuntimePaths paths;
    private final RuntimeMetrics metrics;

    RuntimeUpdate(SlotSync slots, Processes processes, ConfigRenderer renderer, RuntimePaths paths, RuntimeMetrics metrics) {
        this.slots = requireNonNull(slots, "slots is null");
        this.processes = requireNonNull(processes, "processes is null");
        this.renderer = requireNonNull(renderer, "renderer is null");
        this.paths = requireNonNull(paths, "paths is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    RuntimeResult apply(Running serving, RoutingState state, ApplyPlan.Runtime plan) {
        try {
            Reconciliation update = slots.apply(state, plan.before(), plan.plan());
            if (update.reachable()) {
                return new RuntimeResult.Served(updated(serving, state, plan, update));
            }
            return new RuntimeResult.Refused(String.join("; ", update.unreachable()), Optional.empty());
        } catch (RuntimeApiException failure) {
            metrics.fallback(RuntimeMetrics.Activity.APPLY);
            return new RuntimeResult.Refused("the runtime update failed: " + failure.getMessage(), Optional.of(failure));
        }
    }

    private ApplyOutcome updated(Running serving, RoutingState state, ApplyPlan.Runtime plan, Reconciliation update) {
        processes.serve(new Running(serving.process(), Served.rendered(state, plan.plan()), serving.since()));
        if (plan.rewritesConfig()) {
            // A restart on the live configuration must find the slots as they are now, not as at the last reload.
            AtomicFiles.write(paths.liveConfig(), renderer.render(state, plan.plan()));
        }
        if (serving.adopted()) {
            processes.record();
            log.info("{} serves revision {} after {} runtime commands and no reload", serving.process().describe(),
                    state.revision(), update.commands().size());
            return ApplyOutcome.runtime("took over " + serving.process().describe() + " with "
                    + update.commands().size() + " runtime commands");
        }
        if (update.commands().isEmpty()) {
            return ApplyOutcome.runtime("unchanged");
        }
        log.debug("Revision {} set through the runtime API: {}", state.revision(), update.commands());
        return ApplyOutcome.runtime(update.commands().size() + " runtime commands ("
                + ReloadReason.between(serving.state(), state) + ")");
    }
}
