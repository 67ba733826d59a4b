package dev.steward.haproxy.serving;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.config.ConfigRenderer;
import dev.steward.haproxy.output.AtomicFiles;
import dev.steward.haproxy.output.OutputFiles;
import dev.steward.haproxy.plan.Served;
import dev.steward.haproxy.process.HaproxyProcess;
import dev.steward.haproxy.process.Installation;
import dev.steward.haproxy.process.RetiringGate;
import dev.steward.haproxy.process.Supervisor;
import dev.steward.haproxy.runtime.HaproxyException;
import dev.steward.haproxy.settings.RuntimePaths;
import dev.steward.haproxy.slots.ServerStateFile;
import dev.steward.haproxy.slots.SlotPlan;
import dev.steward.haproxy.slots.SlotSync;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a state with a new process: the configuration is checked with {@code haproxy -c} first, the
 * old process is brought up to date and its server states carried over, and the reload succeeds only
 * once the new process answers on the admin socket with its own pid. The old one then finishes its
 * connections, tracked until it exits.
 */
public final class Reloader {
    private static final Logger log = LoggerFactory.getLogger(Reloader.class);

    private final ConfigRenderer renderer;
    private final Installation installation;
    private final RetiringGate gate;
    private final SlotSync slots;
    private final Spawner spawner;
    private final Processes processes;
    private final Supervisor supervisor;
    private final OutputFiles outputs;
    private final RuntimePaths paths;
    private final boolean runtimeUpdates;
    private final TimeSource time;

    /** @param runtimeUpdates whether the old process is brought up to date through the runtime API before it is replaced */
    public Reloader(ConfigRenderer renderer, Installation installation, RetiringGate gate, SlotSync slots, Spawner spawner,
            Processes processes, Supervisor supervisor, OutputFiles outputs, RuntimePaths paths, boolean runtimeUpdates,
            TimeSource time) {
        this.renderer = requireNonNull(renderer, "renderer is null");
        this.installation = requireNonNull(installation, "installation is null");
        this.gate = requireNonNull(gate, "gate is null");
        this.slots = requireNonNull(slots, "slots is null");
        this.spawner = requireNonNull(spawner, "spawner is null");
        this.processes = requireNonNull(processes, "processes is null");
        this.supervisor = requireNonNull(supervisor, "supervisor is null");
        this.outputs = requireNonNull(outputs, "outputs is null");
        this.paths = requireNonNull(paths, "paths is null");
        this.runtimeUpdates = runtimeUpdates;
        this.time = requireNonNull(time, "time is null");
    }

    /**
     * Makes a new process serve {@code state} with {@code plan}, in place of {@code serving} if one serves.
     *
     * @throws ApplyException when HAProxy rejects the configuration or the new process does not take over; what
     *     served keeps serving
     */
    public ApplyOutcome reload(RoutingState state, SlotPlan plan, Optional<Running> serving, String reason) {
        requireNonNull(state, "state is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(serving, "serving is null");
        requireNonNull(reason, "reason is null");
        try {
            replace(state, plan, serving, reason);
            return ApplyOutcome.reload(reason);
        } catch (HaproxyException | UncheckedIOException problem) {
            throw new ApplyException(ApplyMode.RELOAD, problem.getMessage(), problem);
        }
    }

    private void replace(RoutingState state, SlotPlan plan, Optional<Running> serving, String reason) {
        AtomicFiles.write(paths.candidateConfig(), renderer.render(state, plan));
        installation.binary().check(paths.candidateConfig());
        if (serving.isPresent()) {
            gate.awaitRoom(state.revision());
        }
        // The old process is brought up to date first, so that the states it saves for the new one are current;
        // without runtime updates it keeps the view it was started with, as in a reload-only integration.
        if (runtimeUpdates) {
            serving.ifPresent(current -> slots.prepareReload(state, plan));
        }
        AtomicFiles.write(paths.serverState(), serving.map(current -> slots.carriedState(plan)).orElse(ServerStateFile.EMPTY));
        log.info("{} HAProxy for revision {}: {}", serving.isPresent() ? "Reloading" : "Starting", state.revision(), reason);
        HaproxyProcess next = spawn(serving);
        AtomicFiles.move(paths.candidateConfig(), paths.liveConfig());
        // The new process has read the saved states; a later start must not take addresses from them.
        AtomicFiles.write(paths.serverState(), ServerStateFile.EMPTY);
        serving.ifPresent(old -> processes.retiring().add(old.process(), old.state().revision(), time.wallTime()));
        processes.serve(new Running(next, Served.rendered(state, plan), time.wallTime()));
        processes.record();
        supervisor.watch(next);
        outputs.prune(processes.aliveSpawns());
        log.info("{} serves revision {}", next.describe(), state.revision());
        slots.finishReload(state, plan);
    }

    private HaproxyProcess spawn(Optional<Running> serving) {
        try {
            return serving.isPresent()
                    ? spawner.replace(paths.candidateConfig(), serving.get().process())
                    : spawner.start(paths.candidateConfig());
        } catch (ApplyException failure) {
            String keeps = serving.map(current -> "; " + current.process().describe() + " keeps serving revision "
                    + current.state().revision()).orElse("");
            throw new ApplyException(ApplyMode.RELOAD, failure.getMessage() + keeps, failure);
        }
    }
}
