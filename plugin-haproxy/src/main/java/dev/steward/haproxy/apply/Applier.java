package dev.steward.haproxy.apply;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyForecast;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.proxy.ReloadNeededException;
import dev.steward.haproxy.config.ConfigRenderer;
import dev.steward.haproxy.plan.ApplyPlan;
import dev.steward.haproxy.plan.ApplyPlanner;
import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.haproxy.serving.Processes;
import dev.steward.haproxy.serving.Reloader;
import dev.steward.haproxy.settings.RuntimePaths;
import dev.steward.haproxy.slots.RuntimeMetrics;
import dev.steward.haproxy.slots.SlotPlan;
import dev.steward.haproxy.slots.SlotSync;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forecasts and applies states: runtime first, when the planner finds the state fits the running
 * process; otherwise, or when the running process refuses it after all, a validated reload. A state
 * forecast to need no reload is never reloaded for in its own apply: that apply throws
 * {@link ReloadNeededException}, and the next one reloads. Not thread-safe: the backend calls it under its lock.
 */
public final class Applier {
    private static final Logger log = LoggerFactory.getLogger(Applier.class);

    private final ApplyPlanner planner;
    private final Survey survey;
    private final RuntimeUpdate update;
    private final Reloader reloader;
    private final Promises promises = new Promises();

    public Applier(ApplyPlanner planner, Processes processes, SlotSync slots, RuntimeApi api, Reloader reloader,
            ConfigRenderer renderer, RuntimePaths paths, RuntimeMetrics metrics) {
        this.planner = requireNonNull(planner, "planner is null");
        this.reloader = requireNonNull(reloader, "reloader is null");
        this.survey = new Survey(requireNonNull(processes, "processes is null"), slots, api);
        this.update = new RuntimeUpdate(slots, processes, renderer, paths, metrics);
    }

    /** What an apply of {@code state} would take now; a runtime forecast is a promise the apply keeps or breaks. */
    public ApplyForecast forecast(RoutingState state) {
        requireNonNull(state, "state is null");
        ApplyPlan plan = planner.plan(survey.find(state, promises.owed()).current(), state);
        promises.forecast(state, plan);
        return plan.forecast();
    }

    /**
     * @throws ReloadNeededException when {@code state} was forecast to need no reload and needs one after all
     * @throws ApplyException when the reload fails; what served keeps serving
     */
    public ApplyOutcome apply(RoutingState state) {
        requireNonNull(state, "state is null");
        boolean promised = promises.takeRuntimePromise(state);
        Survey.Found found = survey.find(state, promises.owed());
        return switch (planner.plan(found.current(), state)) {
            case ApplyPlan.Reload reload -> reload(state, found, reload.plan(), reload.reason(), Optional.empty(), promised);
            case ApplyPlan.Runtime runtime -> switch (update.apply(found.serving().orElseThrow(), state, runtime)) {
                case RuntimeResult.Served served -> served.outcome();
                case RuntimeResult.Refused refused -> {
                    refused.failure().ifPresent(failure -> log.warn("Runtime command \"{}\" failed for revision {}; {}: {}",
                            failure.command(), state.revision(), promised ? "the next apply reloads" : "falling back to a reload",
                            failure.getMessage()));
                    yield reload(state, found, runtime.plan(), refused.reason(), refused.failure(), promised);
                }
            };
        };
    }

    /** A reload for {@code reason}; for a state promised no reload, the next apply's. */
    private ApplyOutcome reload(RoutingState state, Survey.Found found, SlotPlan plan, String reason,
            Optional<? extends Exception> cause, boolean promised) {
        if (promised) {
            log.warn("Revision {} was forecast to need no reload, but {}; the next apply reloads", state.revision(), reason);
            throw promises.broken(state, reason, cause);
        }
        ApplyOutcome outcome = reloader.reload(state, plan, found.serving(), reason);
        promises.reloaded();
        return outcome;
    }
}
