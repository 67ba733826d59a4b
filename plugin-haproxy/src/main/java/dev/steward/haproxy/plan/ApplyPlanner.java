package dev.steward.haproxy.plan;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.RoutingState;
import dev.steward.haproxy.config.ConfigRenderer;
import dev.steward.haproxy.slots.SlotAllocator;
import dev.steward.haproxy.slots.SlotPlan;
import java.util.List;

/**
 * Decides, without touching HAProxy, whether the running process can take a state through the
 * runtime API or a new process must serve it, and says why. The same decision answers the engine's
 * forecast and drives the apply.
 *
 * <p>The running process takes a state of the same {@link RoutingShape}: its slots are set at
 * runtime. Everything else reloads: the first start, a process that exited, a change of shape (a
 * group added or removed, a route, balance or health check changed, a pool that must grow), a target
 * named by DNS entering a slot, an adopted process whose configuration differs, and, with runtime
 * updates off, any state that renders another configuration. Each runtime mechanism added later takes
 * its part out of the shape and adds its step to {@link ApplyPlan.Runtime}.
 */
public final class ApplyPlanner {
    private final SlotAllocator allocator;
    private final ConfigRenderer renderer;
    private final boolean runtimeUpdates;

    /**
     * @param renderer renders what an adopted process is compared with: only its configuration file says what it runs
     * @param runtimeUpdates whether a state of the running shape is set through the runtime API; when off, only a
     *     state that renders the running configuration is
     */
    public ApplyPlanner(SlotAllocator allocator, ConfigRenderer renderer, boolean runtimeUpdates) {
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.renderer = requireNonNull(renderer, "renderer is null");
        this.runtimeUpdates = runtimeUpdates;
    }

    public ApplyPlan plan(Current current, RoutingState next) {
        requireNonNull(current, "current is null");
        requireNonNull(next, "next is null");
        SlotPlan plan = allocator.plan(next, current.before());
        return switch (current) {
            case Current.Idle idle -> new ApplyPlan.Reload(plan, idle.exited().orElse("first start"));
            case Current.Serving serving -> serving.reloadOwed()
                    .<ApplyPlan>map(owed -> new ApplyPlan.Reload(plan, owed))
                    .orElseGet(() -> plan(serving, next, plan));
        };
    }

    private ApplyPlan plan(Current.Serving serving, RoutingState next, SlotPlan plan) {
        Served served = serving.served();
        if (serving.unreadable().isEmpty() && sameShape(served, next, plan)) {
            boolean sameConfig = sameConfig(served, next, plan);
            if (!runtimeUpdates && !sameConfig) {
                return new ApplyPlan.Reload(plan, "runtime updates are off: " + ReloadReason.between(served.state(), next));
            }
            List<String> named = DnsTargets.entering(next, serving.before(), plan);
            return named.isEmpty()
                    ? new ApplyPlan.Runtime(serving.before(), plan, !sameConfig)
                    : new ApplyPlan.Reload(plan, String.join("; ", named));
        }
        if (served.configuration() instanceof Configuration.Adopted adopted) {
            return new ApplyPlan.Reload(plan, adoptedReason(serving, adopted, next));
        }
        String changes = ReloadReason.between(served.state(), next);
        return new ApplyPlan.Reload(plan, ReloadReason.poolsGrown(serving.before(), plan)
                .map(grown -> grown + "; " + changes)
                .orElse(changes));
    }

    private boolean sameShape(Served served, RoutingState next, SlotPlan plan) {
        return switch (served.configuration()) {
            case Configuration.Rendered rendered -> RoutingShape.of(served.state(), served.plan()).equals(RoutingShape.of(next, plan));
            case Configuration.Adopted adopted -> adopted.text()
                    .map(text -> ConfigRenderer.vacated(text).equals(renderer.render(next, plan.vacated())))
                    .orElse(false);
        };
    }

    /** Whether {@code next} renders the very configuration the process runs; asked only of a state of its shape. */
    private boolean sameConfig(Served served, RoutingState next, SlotPlan plan) {
        return switch (served.configuration()) {
            case Configuration.Rendered rendered -> plan.sameServers(served.plan());
            case Configuration.Adopted adopted -> adopted.text().map(renderer.render(next, plan)::equals).orElse(false);
        };
    }

    private static String adoptedReason(Current.Serving serving, Configuration.Adopted adopted, RoutingState next) {
        String process = "the adopted " + serving.process();
        if (serving.unreadable().isPresent()) {
            return "the slots of " + process + " cannot be read back: " + serving.unreadable().get();
        }
        return process + (adopted.text().isEmpty()
                ? " runs a configuration Steward cannot see (" + adopted.file() + " is missing)"
                : " runs another configuration than revision " + next.revision() + " renders");
    }
}
