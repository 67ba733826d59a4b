package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.RoutingState;
import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.runtime.CommandBatch;
import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.haproxy.runtime.RuntimeApiException;
import dev.steward.haproxy.runtime.ServerName;
import dev.steward.haproxy.runtime.ServerSessions;
import dev.steward.haproxy.runtime.ServersState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the slots of the running HAProxy to a plan through the runtime API, always from what
 * HAProxy reports ({@code show servers state}), never only from what was sent before. Owns the
 * drains. Not thread-safe: the backend calls it under the lock it applies with.
 */
public final class SlotSync {
    private static final Logger log = LoggerFactory.getLogger(SlotSync.class);

    private final RuntimeApi api;
    private final Drains drains;
    private final RuntimeMetrics metrics;
    private final Arrivals arrivals;

    /** @param commandTimeout how long HAProxy may take to show the address a slot was pointed at */
    public SlotSync(RuntimeApi api, Drains drains, RuntimeMetrics metrics, TimeSource time, Duration commandTimeout) {
        this.api = requireNonNull(api, "api is null");
        this.drains = requireNonNull(drains, "drains is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.arrivals = new Arrivals(api, time, commandTimeout);
    }

    /** The oldest revision that removed a target still draining; safe to call from any thread. */
    public OptionalLong oldestDrainRemoval() {
        return drains.oldestRemoval();
    }

    /** {@code running} with the draining targets back in their slots, for the allocator. */
    public SlotPlan withDrains(SlotPlan running) {
        return drains.overlay(running);
    }

    public boolean draining() {
        return !drains.isEmpty();
    }

    /**
     * Moves the running HAProxy from {@code before} (a {@link #withDrains} plan) to {@code plan}:
     * targets that left start draining. Nothing is sent when some of it cannot be done at runtime.
     *
     * @return the commands sent, or why a reload is needed
     * @throws RuntimeApiException naming the command, when HAProxy refuses one or does not answer
     */
    public Reconciliation apply(RoutingState state, SlotPlan before, SlotPlan plan) {
        Map<ServerName, Drains.Drain> next = drains.after(before, plan, state.revision());
        Reconciliation reconciliation = Reconciler.between(DesiredServers.of(state, plan, Drains.targets(next)), readState());
        if (reconciliation.reachable()) {
            execute(reconciliation);
            drains.replace(next);
        }
        return reconciliation;
    }

    /**
     * Repairs whatever differs from {@code plan} and the drains.
     *
     * @return the commands sent, or why a reload is needed
     * @throws RuntimeApiException naming the command, when HAProxy refuses one or does not answer
     */
    public Reconciliation repair(RoutingState state, SlotPlan plan) {
        Reconciliation reconciliation = Reconciler.between(DesiredServers.of(state, plan, drains.targets()), readState());
        if (reconciliation.reachable()) {
            execute(reconciliation);
        }
        return reconciliation;
    }

    /**
     * Returns the drained slots that are empty or past their timeout to their pool; when HAProxy cannot say
     * how many requests a slot has left, or refuses a command, the next apply or reconcile sets them right.
     */
    public void completeDrains(RoutingState state, SlotPlan plan) {
        try {
            releaseFinishedDrains(state, plan);
        } catch (RuntimeApiException problem) {
            log.warn("Draining slots could not be checked or returned to their pool; the next apply or reconcile sets them"
                    + " right: {}", problem.getMessage());
        }
    }

    private void releaseFinishedDrains(RoutingState state, SlotPlan plan) {
        if (drains.isEmpty()) {
            return;
        }
        List<Drains.Released> released = drains.releaseFinished(
                backend -> ServerSessions.parse(ServerSessions.command(backend), api.execute(ServerSessions.command(backend))));
        if (released.isEmpty()) {
            return;
        }
        for (Drains.Released done : released) {
            metrics.drained(done.cause());
            log.info("{} returns to its pool after draining {}: {}", done.drain().server(), done.drain().target().address(),
                    done.cause() == Drains.Released.Cause.EMPTY ? "no request left" : "drain timeout passed");
        }
        Reconciliation release = repair(state, plan);
        if (!release.reachable()) {
            log.warn("Drained slots cannot all return to their pool at runtime: {}", String.join("; ", release.unreachable()));
        }
    }

    /**
     * Before a reload, gives the old process what it can take of {@code plan} at runtime, so that it
     * stops sending requests to targets that left, and the server states saved for the new process
     * describe the slots as they are now. A failure here only means the old process keeps its older
     * view for the moments until the new one takes over.
     */
    public void prepareReload(RoutingState state, SlotPlan plan) {
        try {
            ServersState old = readState();
            List<DesiredServer> shared = DesiredServers.of(state, plan, drains.targets()).stream()
                    .filter(server -> old.server(server.name()).isPresent())
                    .toList();
            execute(Reconciler.between(shared, old));
        } catch (RuntimeApiException problem) {
            log.warn("The old HAProxy process could not be brought up to date before the reload: {}", problem.getMessage());
        }
    }

    /**
     * After a reload, what was in flight drains in the old process; the new one starts from a
     * configuration that holds {@code plan} itself, and whatever the carried server states changed
     * is set back to it.
     */
    public void finishReload(RoutingState state, SlotPlan plan) {
        drains.clear();
        try {
            Reconciliation reconciliation = repair(state, plan);
            if (!reconciliation.commands().isEmpty()) {
                log.info("Set {} runtime commands after the reload: {}", reconciliation.commands().size(), reconciliation.commands());
            }
        } catch (RuntimeApiException problem) {
            log.warn("The new HAProxy process could not be reconciled after the reload; the periodic reconcile retries: {}",
                    problem.getMessage());
        }
    }

    /** The serving process's server states, for the slots that keep their target; none when it cannot say. */
    public String carriedState(SlotPlan plan) {
        try {
            return ServerStateFile.carriedOver(api.showServersState(), plan);
        } catch (RuntimeApiException | IllegalArgumentException problem) {
            log.warn("Server states are not carried over to the new HAProxy process: {}", problem.getMessage());
            return ServerStateFile.EMPTY;
        }
    }

    /** Forgets the drains of a process that is gone. */
    public void forgetDrains() {
        drains.clear();
    }

    /** The moves first; the rest once HAProxy shows every slot at its new address. */
    private void execute(Reconciliation reconciliation) {
        CommandBatch.run(api, reconciliation.moving());
        arrivals.await(reconciliation.moves());
        CommandBatch.run(api, reconciliation.settling());
    }

    private ServersState readState() {
        return ServersState.parse(api.showServersState());
    }
}
