package dev.steward.haproxy;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ProxyBackend;
import dev.steward.api.metrics.Metrics;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.TargetGroups;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.proxy.BackendStatus;
import dev.steward.api.proxy.ProxyStop;
import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.config.ConfigRenderer;
import dev.steward.haproxy.config.ErrorPages;
import dev.steward.haproxy.output.AccessLogReceiver;
import dev.steward.haproxy.output.AtomicFiles;
import dev.steward.haproxy.output.OutputFiles;
import dev.steward.haproxy.plan.ReloadReason;
import dev.steward.haproxy.process.Adopter;
import dev.steward.haproxy.process.Adoption;
import dev.steward.haproxy.process.ExitPoller;
import dev.steward.haproxy.process.HaproxyBinary;
import dev.steward.haproxy.process.HaproxyLauncher;
import dev.steward.haproxy.process.HaproxyProcess;
import dev.steward.haproxy.process.ProcessRecords;
import dev.steward.haproxy.process.ProcessStopper;
import dev.steward.haproxy.process.RecordedProcess;
import dev.steward.haproxy.process.RetiringGate;
import dev.steward.haproxy.process.RetiringProcess;
import dev.steward.haproxy.process.RetiringProcesses;
import dev.steward.haproxy.process.Supervisor;
import dev.steward.haproxy.process.Takeover;
import dev.steward.haproxy.runtime.HaproxyException;
import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.haproxy.runtime.RuntimeApiException;
import dev.steward.haproxy.runtime.ServersState;
import dev.steward.haproxy.settings.AccessLogTarget;
import dev.steward.haproxy.settings.HaproxySettings;
import dev.steward.haproxy.settings.RuntimePaths;
import dev.steward.haproxy.slots.AdoptedSlots;
import dev.steward.haproxy.slots.Drains;
import dev.steward.haproxy.slots.Reconciliation;
import dev.steward.haproxy.slots.RuntimeMetrics;
import dev.steward.haproxy.slots.ServerStateFile;
import dev.steward.haproxy.slots.SlotAllocator;
import dev.steward.haproxy.slots.SlotPlan;
import dev.steward.haproxy.slots.SlotSync;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a local HAProxy serve routing states. A change that fits the running configuration's groups
 * and pools is made through the runtime API, with no new process; if any runtime command fails, the
 * apply falls back to a reload. A reload is validated with {@code haproxy -c} before a new process
 * takes over from the old one (listening sockets handed over, old process finishing its connections);
 * it succeeds only once the new process answers on the admin socket with its own pid. The serving
 * process is supervised, old processes are bounded in number, and the access log never blocks HAProxy.
 *
 * <p>An HAProxy that an earlier Steward left running on the same data directory (a stop that kept it, a
 * {@code kill -9} of Steward) is taken over at start once proven to be Steward's own: its pid stays, it
 * keeps serving, the first apply reads its slots back and sets them through the runtime API, and only
 * a configuration that must change costs a reload.
 *
 * <p>Applies, restarts, drain completion and the periodic reconcile all run under this object's lock,
 * so a reload and runtime changes never interleave.
 */
final class HaproxyBackend implements ProxyBackend {
    private static final Logger log = LoggerFactory.getLogger(HaproxyBackend.class);
    private static final long ROTATION_INTERVAL_SECONDS = 1;
    /** How often draining slots are asked whether requests are left: slots return to the pool soon after. */
    private static final Duration DRAIN_POLL = Duration.ofMillis(250);

    private final HaproxySettings settings;
    private final RuntimePaths paths;
    private final Path home;
    private final TimeSource time;
    private final ConfigRenderer renderer;
    private final SlotAllocator allocator;
    private final OutputFiles outputs;
    private final RuntimeApi runtimeApi;
    private final ProcessStopper stopper;
    private final Takeover takeover;
    private final RetiringProcesses retiring = new RetiringProcesses();
    private final RuntimeMetrics runtimeMetrics;
    private final SlotSync slots;
    private final RetiringGate retiringGate;
    private final Supervisor supervisor;
    private final Optional<AccessLogReceiver> accessLog;
    private final ProcessRecords records;
    private final ExitPoller poller = new ExitPoller();
    private final Adopter adopter;

    private HaproxyBinary binary;
    private HaproxyLauncher launcher;
    private ScheduledExecutorService rotation;
    private ScheduledExecutorService reconciliation;
    private volatile Optional<Running> running = Optional.empty();
    private volatile Optional<HaproxyProcess> lastSpawned = Optional.empty();
    private volatile boolean closed;
    /** Whether start() ran: only a started backend owns the processes of its data directory and their record. */
    private boolean started;

    HaproxyBackend(HaproxySettings settings, RuntimePaths paths, Path home, TimeSource time, Metrics metrics) {
        this.settings = requireNonNull(settings, "settings is null");
        this.paths = requireNonNull(paths, "paths is null");
        this.home = requireNonNull(home, "home is null");
        this.time = requireNonNull(time, "time is null");
        this.renderer = new ConfigRenderer(settings, paths);
        this.allocator = new SlotAllocator(settings.poolMinSize());
        this.outputs = new OutputFiles(paths.logs(), settings.logs());
        this.runtimeApi = new RuntimeApi(paths.adminSocket(), settings.commandTimeout(), time);
        this.stopper = new ProcessStopper(time);
        this.takeover = new Takeover(runtimeApi, time, settings.startTimeout());
        this.runtimeMetrics = new RuntimeMetrics(metrics);
        this.slots = new SlotSync(runtimeApi, new Drains(settings.drainTimeout(), time), runtimeMetrics);
        this.retiringGate = new RetiringGate(retiring, settings.retiring(), time);
        this.supervisor = new Supervisor(new Restarts(), settings.restart(), metrics, time);
        this.accessLog = settings.accessLog().target() == AccessLogTarget.STEWARD
                ? Optional.of(new AccessLogReceiver(paths.accessLogSocket(), settings.accessLog().queueSize(),
                        LoggerFactory.getLogger(AccessLogReceiver.LOGGER), metrics, time))
                : Optional.empty();
        this.records = new ProcessRecords(paths.processRecord());
        this.adopter = new Adopter(paths, runtimeApi, records, outputs, poller);
    }

    /**
     * Prepares the directories, finds HAProxy, takes over an HAProxy an earlier Steward left running and
     * opens the access log socket; without one to take over, HAProxy starts with the first apply.
     *
     * @throws HaproxyException when what answers on the admin socket is not Steward's own HAProxy
     */
    @Override
    public synchronized void start() {
        requireOpen();
        log.info("HAProxy backend uses {}; files under {}", binary().describe(), paths.directory());
        if (!started) {
            started = true;
            takeOver(adopter.find());
        }
        accessLog.ifPresent(AccessLogReceiver::start);
        if (rotation == null) {
            rotation = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform()
                    .name("steward-haproxy-output-rotation").daemon().unstarted(task));
            rotation.scheduleWithFixedDelay(this::rotateOutputs, ROTATION_INTERVAL_SECONDS, ROTATION_INTERVAL_SECONDS,
                    TimeUnit.SECONDS);
        }
        if (reconciliation == null) {
            reconciliation = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform()
                    .name("steward-haproxy-reconcile").daemon().unstarted(task));
            reconciliation.scheduleWithFixedDelay(this::completeDrains, DRAIN_POLL.toNanos(), DRAIN_POLL.toNanos(),
                    TimeUnit.NANOSECONDS);
            Duration interval = settings.reconcileInterval();
            if (interval.isPositive()) {
                reconciliation.scheduleWithFixedDelay(this::reconcile, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Tracks what an earlier Steward left running; the serving process's slots are read back at the first apply. */
    private void takeOver(Adoption adoption) {
        for (Adoption.Retired old : adoption.retiring()) {
            retiring.add(old.process(), old.revision(), old.since());
        }
        if (!adoption.retiring().isEmpty()) {
            log.info("Tracking {} that an earlier Steward left finishing connections", adoption.retiring().stream()
                    .map(old -> old.process().describe() + " (revision " + old.revision() + ")").collect(Collectors.joining(", ")));
        }
        adoption.serving().ifPresent(process -> {
            Optional<String> config = liveConfig();
            running = Optional.of(new Running(process, config.orElse(""), config.map(ConfigRenderer::vacated).orElse(""),
                    SlotPlan.NONE, new RoutingState(adoption.revision(), TargetGroups.NONE, FallbackTargets.NONE), true,
                    time.wallTime()));
            lastSpawned = Optional.of(process);
            supervisor.watch(process);
            log.info("Took over {}, which an earlier Steward left serving revision {} or newer; it keeps serving, and the"
                    + " first apply reads its slots back{}", process.describe(), adoption.revision(),
                    config.isPresent() ? "" : " (" + paths.liveConfig() + " is missing, so the first apply replaces it with a reload)");
        });
        recordProcesses();
    }

    private Optional<String> liveConfig() {
        try {
            return Optional.of(Files.readString(paths.liveConfig()));
        } catch (IOException missing) {
            return Optional.empty();
        }
    }

    /**
     * Runtime first: when the state fits the running process's groups and pools, its slots are set
     * through the runtime API; otherwise, or when a runtime command fails, a validated reload. An
     * adopted process's slots are read back first, so that each replica keeps its slot.
     */
    @Override
    public synchronized ApplyOutcome apply(RoutingState state) {
        requireNonNull(state, "state is null");
        requireOpen();
        Optional<Running> previous = running;
        Optional<Running> serving = previous.filter(current -> current.process().isAlive());
        if (serving.isEmpty()) {
            slots.forgetDrains();
        }
        serving.ifPresent(this::releaseFinishedDrains);
        Optional<Running> adopted = serving.filter(Running::adopted);
        Optional<String> unreadable = Optional.empty();
        SlotPlan before = slots.withDrains(previous.map(Running::plan).orElse(SlotPlan.NONE));
        if (adopted.isPresent()) {
            try {
                before = AdoptedSlots.recover(ServersState.parse(runtimeApi.showServersState()), state);
            } catch (RuntimeApiException failure) {
                unreadable = Optional.of(failure.getMessage());
            }
        }
        SlotPlan plan = allocator.plan(state, before);
        String config = renderer.render(state, plan);
        String shape = renderer.render(state, plan.vacated());
        String reason;
        boolean fits = serving.isPresent() && serving.get().shape().equals(shape) && unreadable.isEmpty();
        // Without runtime updates only a state that renders to the running configuration skips the reload.
        if (fits && (settings.runtimeUpdates() || serving.get().config().equals(config))) {
            try {
                Reconciliation update = slots.apply(state, before, plan);
                if (update.reachable()) {
                    return runtimeUpdated(serving.get(), state, plan, config, shape, update);
                }
                reason = String.join("; ", update.unreachable());
            } catch (RuntimeApiException failure) {
                runtimeMetrics.fallback(RuntimeMetrics.Activity.APPLY);
                log.warn("Runtime command \"{}\" failed for revision {}; falling back to a reload: {}", failure.command(),
                        state.revision(), failure.getMessage());
                reason = "the runtime update failed: " + failure.getMessage();
            }
        } else if (fits) {
            reason = "runtime updates are off: " + ReloadReason.between(serving.get().state(), state);
        } else if (adopted.isPresent()) {
            reason = unreadable.map(failure -> "the slots of the adopted " + adopted.get().process().describe()
                            + " cannot be read back: " + failure)
                    .orElseGet(() -> "the adopted " + adopted.get().process().describe() + (adopted.get().shape().isEmpty()
                            ? " runs a configuration Steward cannot see (" + paths.liveConfig() + " is missing)"
                            : " runs another configuration than revision " + state.revision() + " renders"));
        } else {
            SlotPlan from = before;
            reason = serving.map(current -> reloadReason(current, state, from, plan))
                    .orElseGet(() -> previous.map(dead -> dead.process().describe() + " had " + dead.process().exitDescription())
                            .orElse("first start"));
        }
        try {
            return reload(state, plan, config, shape, serving, reason);
        } catch (HaproxyException | UncheckedIOException problem) {
            throw new ApplyException(ApplyMode.RELOAD, problem.getMessage(), problem);
        }
    }

    private ApplyOutcome runtimeUpdated(Running serving, RoutingState state, SlotPlan plan, String config, String shape,
            Reconciliation update) {
        running = Optional.of(new Running(serving.process(), config, shape, plan, state, false, serving.since()));
        if (!serving.config().equals(config)) {
            // A restart on the live configuration must find the slots as they are now, not as at the last reload.
            AtomicFiles.write(paths.liveConfig(), config);
        }
        if (serving.adopted()) {
            recordProcesses();
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

    private static String reloadReason(Running serving, RoutingState state, SlotPlan before, SlotPlan plan) {
        String changes = ReloadReason.between(serving.state(), state);
        return ReloadReason.poolsGrown(before, plan).map(grown -> grown + "; " + changes).orElse(changes);
    }

    private ApplyOutcome reload(RoutingState state, SlotPlan plan, String config, String shape, Optional<Running> serving,
            String reason) {
        AtomicFiles.write(paths.candidateConfig(), config);
        binary().check(paths.candidateConfig());
        if (serving.isPresent()) {
            retiringGate.awaitRoom(state.revision());
        }
        // The old process is brought up to date first, so that the states it saves for the new one are current;
        // without runtime updates it keeps the view it was started with, as in a reload-only integration.
        if (settings.runtimeUpdates()) {
            serving.ifPresent(current -> slots.prepareReload(state, plan));
        }
        AtomicFiles.write(paths.serverState(), serving.map(current -> carriedState(plan)).orElse(ServerStateFile.EMPTY));
        log.info("{} HAProxy for revision {}: {}", serving.isPresent() ? "Reloading" : "Starting", state.revision(), reason);
        HaproxyProcess next;
        try {
            next = spawnAndProve(() -> serving.isPresent()
                    ? launcher().replace(paths.candidateConfig(), serving.get().process())
                    : launcher().start(paths.candidateConfig()));
        } catch (ApplyException failure) {
            String keeps = serving.map(current -> "; " + current.process().describe() + " keeps serving revision "
                    + current.state().revision()).orElse("");
            throw new ApplyException(ApplyMode.RELOAD, failure.getMessage() + keeps, failure);
        }
        AtomicFiles.move(paths.candidateConfig(), paths.liveConfig());
        // The new process has read the saved states; a later start must not take addresses from them.
        AtomicFiles.write(paths.serverState(), ServerStateFile.EMPTY);
        serving.ifPresent(old -> retiring.add(old.process(), old.state().revision(), time.wallTime()));
        running = Optional.of(new Running(next, config, shape, plan, state, false, time.wallTime()));
        recordProcesses();
        supervisor.watch(next);
        outputs.prune(runningSpawns());
        log.info("{} serves revision {}", next.describe(), state.revision());
        slots.finishReload(state, plan);
        return ApplyOutcome.reload(reason);
    }

    /** Spawns a process and proves it took over; one that does not is stopped, and the failure says why. */
    private HaproxyProcess spawnAndProve(Supplier<HaproxyProcess> spawn) {
        HaproxyProcess next = spawn.get();
        lastSpawned = Optional.of(next);
        try {
            takeover.await(next);
            return next;
        } catch (ApplyException failure) {
            stopper.hardStop(next);
            throw failure;
        }
    }

    private void releaseFinishedDrains(Running serving) {
        try {
            slots.releaseFinishedDrains(serving.state(), serving.plan());
        } catch (RuntimeApiException problem) {
            log.warn("Draining slots could not be checked or returned to their pool; the next apply or reconcile sets them"
                    + " right: {}", problem.getMessage());
        }
    }

    /** Returns drained slots to their pools between applies. */
    private synchronized void completeDrains() {
        Optional<Running> serving = running.filter(current -> current.process().isAlive());
        if (closed || serving.isEmpty() || !slots.draining()) {
            return;
        }
        releaseFinishedDrains(serving.get());
    }

    /**
     * Compares what HAProxy reports with the desired slots and sets right what drifted (an operator's
     * command, a process restarted on an older view); what cannot be set at runtime, or a command
     * that fails, costs a validated reload of the same state.
     */
    private synchronized void reconcile() {
        Optional<Running> serving = running.filter(current -> current.process().isAlive() && !current.adopted());
        if (closed || serving.isEmpty()) {
            return;
        }
        Running current = serving.get();
        String reason;
        try {
            Reconciliation repair = slots.repair(current.state(), current.plan());
            if (repair.reachable()) {
                if (!repair.commands().isEmpty()) {
                    runtimeMetrics.repaired(repair.commands().size());
                    log.warn("HAProxy had drifted from revision {}; repaired with {}", current.state().revision(), repair.commands());
                }
                return;
            }
            reason = "drift cannot be repaired at runtime: " + String.join("; ", repair.unreachable());
        } catch (RuntimeApiException failure) {
            runtimeMetrics.fallback(RuntimeMetrics.Activity.RECONCILE);
            log.warn("Runtime command \"{}\" failed while repairing drift; falling back to a reload: {}", failure.command(),
                    failure.getMessage());
            reason = "the drift repair failed: " + failure.getMessage();
        }
        try {
            reload(current.state(), current.plan(), current.config(), current.shape(), serving, reason);
        } catch (ApplyException | HaproxyException | UncheckedIOException problem) {
            log.error("The reload that was to repair drift failed; {} keeps serving: {}", current.process().describe(),
                    problem.getMessage());
        }
    }

    /** The old process's server states, for the slots that keep their target; none when it cannot say. */
    private String carriedState(SlotPlan plan) {
        try {
            return ServerStateFile.carriedOver(runtimeApi.showServersState(), plan);
        } catch (RuntimeApiException | IllegalArgumentException problem) {
            log.warn("Server states are not carried over to the new HAProxy process: {}", problem.getMessage());
            return ServerStateFile.EMPTY;
        }
    }

    @Override
    public String render(RoutingState state) {
        requireNonNull(state, "state is null");
        return renderer.render(state, allocator.plan(state));
    }

    @Override
    public void verify(RoutingState state) {
        String config = render(state);
        try {
            HaproxyBinary haproxy = binary();
            Path candidate = Files.createTempFile(paths.directory(), "haproxy.verify.", ".cfg");
            try {
                Files.writeString(candidate, config);
                haproxy.check(candidate);
            } finally {
                Files.deleteIfExists(candidate);
            }
        } catch (IOException problem) {
            throw new ApplyException(ApplyMode.RELOAD, "cannot write a configuration to check under " + paths.directory() + ": "
                    + problem.getMessage(), problem);
        } catch (HaproxyException | UncheckedIOException problem) {
            throw new ApplyException(ApplyMode.RELOAD, problem.getMessage(), problem);
        }
    }

    /** @throws ApplyException when HAProxy is missing, prints no version or is older than Steward supports */
    @Override
    public String describe() {
        try {
            HaproxyBinary haproxy = binary();
            StringBuilder lines = new StringBuilder(haproxy.describe());
            haproxy.version().features().forEach(feature -> lines.append("\n  version-dependent: ").append(feature));
            return lines.toString();
        } catch (HaproxyException unusable) {
            throw new ApplyException(ApplyMode.RELOAD, unusable.getMessage(), unusable);
        }
    }

    @Override
    public BackendStatus status() {
        Optional<Running> current = running.filter(serving -> serving.process().isAlive());
        Optional<HaproxyProcess> spawned = lastSpawned;
        Optional<HaproxyProcess> shown = current.map(Running::process).or(() -> spawned);
        String detail;
        if (closed) {
            detail = "stopped";
        } else if (current.isPresent()) {
            detail = (current.get().adopted() ? "adopted, serving revision " + current.get().state().revision() + " or newer"
                    : "serving revision " + current.get().state().revision())
                    + retiringGate.waiting().map(note -> "; " + note).orElse("");
        } else {
            detail = supervisor.pending().orElseGet(() -> spawned.map(process -> process.describe() + " is not running")
                    .orElse("not started"));
        }
        BackendStatus.Builder status = BackendStatus.builder()
                .restarts(supervisor.restarts())
                .detail(detail)
                .onStop(settings.onStop())
                .frontend(settings.bind().clientUri(settings.tlsCertificate().isPresent()))
                .detail("spawn", spawned.map(HaproxyProcess::spawn).orElse(0L))
                .detail("stderrLog", shown.map(process -> process.stderr().toString()))
                .detail("retiring", retiring.list().stream().map(RetiringProcess::asDetail).toList());
        current.ifPresent(serving -> status.pid(serving.process().pid()));
        return status.build();
    }

    /**
     * A slot whose target left at revision R still routes to it until its drain ends: R - 1 is served
     * whole. An old process routes by the revision it served when it was replaced.
     */
    @Override
    public OptionalLong oldestRoutedRevision() {
        LongStream draining = slots.oldestDrainRemoval().stream().map(removal -> removal - 1);
        LongStream retired = retiring.list().stream().mapToLong(RetiringProcess::revision);
        return LongStream.concat(draining, retired).min();
    }

    /** Stops or keeps HAProxy as {@code steward.haproxy.on-stop} says. */
    @Override
    public void close() {
        close(settings.onStop());
    }

    /**
     * {@code STOP} soft-stops the serving process and every retiring one, waits for all of them up to the
     * bound, then stops hard what outlives it; the access log is read until they have exited. {@code KEEP}
     * leaves them running, written down in the process record for the next Steward to take over.
     */
    @Override
    public synchronized void close(ProxyStop how) {
        requireNonNull(how, "how is null");
        if (closed) {
            return;
        }
        closed = true;
        supervisor.close();
        if (rotation != null) {
            rotation.shutdownNow();
        }
        if (reconciliation != null) {
            reconciliation.shutdownNow();
        }
        // A backend that only rendered or checked (steward check, render) leaves a running Steward's processes alone.
        if (started && how == ProxyStop.KEEP) {
            keepRunning();
        } else if (started) {
            stopAll();
        }
        running = Optional.empty();
        poller.close();
        accessLog.ifPresent(AccessLogReceiver::close);
    }

    private void keepRunning() {
        recordProcesses();
        running.filter(current -> current.process().isAlive()).ifPresent(current -> log.info(
                "{} keeps serving revision {} while Steward is stopped: nothing supervises it or changes its routes until the"
                        + " next start of Steward on {} takes it over", current.process().describe(), current.state().revision(),
                paths.directory()));
        List<HaproxyProcess> old = retiring.alive();
        if (!old.isEmpty()) {
            log.info("Left finishing their connections: {}", old.stream().map(HaproxyProcess::describe).collect(Collectors.joining(", ")));
        }
    }

    private void stopAll() {
        List<HaproxyProcess> processes = new ArrayList<>(retiring.processes());
        running.map(Running::process).ifPresent(processes::add);
        if (!processes.isEmpty()) {
            log.info("Stopping {}; open requests have up to {} ms to finish",
                    processes.stream().map(HaproxyProcess::describe).collect(Collectors.joining(", ")),
                    settings.stopTimeout().toMillis());
            stopper.stop(processes, settings.stopTimeout());
        }
        try {
            records.clear();
        } catch (UncheckedIOException problem) {
            log.warn("{}; the next start finds no HAProxy of this one to take over and ignores it", problem.getMessage());
        }
    }

    /**
     * Writes down the processes that run now, for a later Steward. A failure only costs that Steward the
     * take-over: it refuses a process the record does not name, so it is logged, not thrown.
     */
    private void recordProcesses() {
        List<RecordedProcess> alive = new ArrayList<>();
        running.filter(current -> current.process().isAlive()).ifPresent(current -> alive.add(RecordedProcess.of(
                RecordedProcess.Role.SERVING, current.process(), current.state().revision(), current.since())));
        alive.addAll(retiring.records());
        try {
            records.write(alive);
        } catch (UncheckedIOException problem) {
            log.error("{}: a later Steward will not take over {}, it refuses processes the record does not name", problem.getMessage(),
                    alive.stream().map(process -> "pid " + process.pid()).collect(Collectors.joining(", ")));
        }
    }

    /** Finds HAProxy, the first time after preparing the files its configuration names. */
    private synchronized HaproxyBinary binary() {
        if (binary == null) {
            paths.create();
            ErrorPages.writeFiles(paths, settings.gatewayErrorStatus());
            binary = HaproxyBinary.locate(settings.binary(), home, paths.directory(), settings.configCheckTimeout());
        }
        return binary;
    }

    private synchronized HaproxyLauncher launcher() {
        if (launcher == null) {
            launcher = new HaproxyLauncher(binary().path(), paths.adminSocket(), outputs, settings.debugOutput(),
                    settings.socketHandover());
        }
        return launcher;
    }

    /** Whether {@code process} serves: the supervisor restarts only that one. */
    private synchronized boolean serves(HaproxyProcess process) {
        return !closed && running.map(current -> current.process() == process).orElse(false);
    }

    /**
     * Starts a process on the live configuration, which holds the slots as they were last set, in place
     * of one that exited; what was draining there is gone with it, and the slots are set right as after
     * a reload. The server-state file is empty since the last reload, so the health checks bring the
     * states back.
     */
    private synchronized Optional<HaproxyProcess> restart(HaproxyProcess exited, String cause) {
        if (!serves(exited)) {
            return Optional.empty();
        }
        Running last = running.orElseThrow();
        log.info("Restarting HAProxy on the configuration of revision {} after {}", last.state().revision(), cause);
        HaproxyProcess next = spawnAndProve(() -> launcher().start(paths.liveConfig()));
        running = Optional.of(new Running(next, last.config(), last.shape(), last.plan(), last.state(), last.adopted(),
                time.wallTime()));
        recordProcesses();
        outputs.prune(runningSpawns());
        slots.finishReload(last.state(), last.plan());
        return Optional.of(next);
    }

    private Set<Long> runningSpawns() {
        List<HaproxyProcess> processes = new ArrayList<>(retiring.processes());
        running.map(Running::process).ifPresent(processes::add);
        return processes.stream().filter(HaproxyProcess::isAlive).map(HaproxyProcess::spawn).collect(Collectors.toSet());
    }

    private void rotateOutputs() {
        try {
            outputs.rotateOversized(runningSpawns());
        } catch (UncheckedIOException problem) {
            log.warn("Rotating HAProxy's output files failed: {}", problem.getMessage());
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the HAProxy backend is closed");
        }
    }

    /** The supervisor's hold on the backend: both calls take the lock applies hold. */
    private final class Restarts implements Supervisor.Restarter {
        @Override
        public boolean serves(HaproxyProcess process) {
            return HaproxyBackend.this.serves(process);
        }

        @Override
        public Optional<HaproxyProcess> restart(HaproxyProcess exited, String cause) {
            return HaproxyBackend.this.restart(exited, cause);
        }
    }

    /**
     * The process that serves, with what it serves.
     *
     * @param config the configuration of its slots as they are now, also after runtime updates
     * @param shape that configuration with every slot free: what only a reload can change
     * @param plan the slots it serves
     * @param state the newest state it serves; for an adopted process not yet applied to, only the revision it was
     *     written down with
     * @param adopted whether it was taken over and not applied to since: its slots are read back at the next apply
     * @param since when it began to serve
     */
    private record Running(HaproxyProcess process, String config, String shape, SlotPlan plan, RoutingState state,
            boolean adopted, Instant since) {}
}
