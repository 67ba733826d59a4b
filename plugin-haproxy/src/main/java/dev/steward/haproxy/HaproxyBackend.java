package dev.steward.haproxy;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ApplyException;
import dev.steward.api.ApplyMode;
import dev.steward.api.ApplyOutcome;
import dev.steward.api.BackendStatus;
import dev.steward.api.ProxyBackend;
import dev.steward.api.TimeSource;
import dev.steward.api.model.RoutingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a local HAProxy serve routing states. Each change is validated with {@code haproxy -c} before
 * a new process takes over from the old one (listening sockets handed over, old process finishing its
 * connections); the apply succeeds only once the new process answers on the admin socket with its own
 * pid. A state that renders to the running configuration changes nothing.
 */
final class HaproxyBackend implements ProxyBackend {
    private static final Logger log = LoggerFactory.getLogger(HaproxyBackend.class);
    private static final long ROTATION_INTERVAL_SECONDS = 1;

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

    private HaproxyBinary binary;
    private ScheduledExecutorService rotation;
    private volatile Optional<Running> running = Optional.empty();
    private volatile Optional<HaproxyProcess> lastSpawned = Optional.empty();
    private volatile boolean closed;

    HaproxyBackend(HaproxySettings settings, RuntimePaths paths, Path home, TimeSource time) {
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
    }

    /** Prepares the directories and finds HAProxy; HAProxy itself starts with the first apply. */
    @Override
    public synchronized void start() {
        requireOpen();
        log.info("HAProxy backend uses {}; files under {}", binary().describe(), paths.directory());
        if (rotation == null) {
            rotation = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform()
                    .name("steward-haproxy-output-rotation").daemon().unstarted(task));
            rotation.scheduleWithFixedDelay(this::rotateOutputs, ROTATION_INTERVAL_SECONDS, ROTATION_INTERVAL_SECONDS,
                    TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized ApplyOutcome apply(RoutingState state) {
        requireNonNull(state, "state is null");
        requireOpen();
        Optional<Running> previous = running;
        Optional<Running> serving = previous.filter(current -> current.process().isAlive());
        SlotPlan plan = allocator.plan(state, previous.map(Running::plan).orElse(SlotPlan.NONE));
        String config = renderer.render(state, plan);
        if (serving.isPresent() && serving.get().config().equals(config)) {
            running = Optional.of(new Running(serving.get().process(), config, plan, state));
            return new ApplyOutcome(ApplyMode.RUNTIME, "unchanged");
        }
        String reason = serving.map(current -> ReloadReason.between(current.state(), state))
                .orElseGet(() -> previous.map(dead -> dead.process().describe() + " had exited with status "
                        + dead.process().process().exitValue()).orElse("first start"));
        try {
            return reload(state, plan, config, serving, reason);
        } catch (HaproxyException | UncheckedIOException problem) {
            throw new ApplyException(ApplyMode.RELOAD, problem.getMessage(), problem);
        }
    }

    private ApplyOutcome reload(RoutingState state, SlotPlan plan, String config, Optional<Running> serving, String reason) {
        HaproxyBinary haproxy = binary();
        AtomicFiles.write(paths.candidateConfig(), config);
        haproxy.check(paths.candidateConfig());
        AtomicFiles.write(paths.serverState(), serving.map(current -> carriedState(plan)).orElse(ServerStateFile.EMPTY));
        log.info("{} HAProxy for revision {}: {}", serving.isPresent() ? "Reloading" : "Starting", state.revision(), reason);
        HaproxyLauncher launcher = new HaproxyLauncher(haproxy.path(), paths.adminSocket(), outputs);
        HaproxyProcess next = serving.isPresent()
                ? launcher.replace(paths.candidateConfig(), serving.get().process())
                : launcher.start(paths.candidateConfig());
        lastSpawned = Optional.of(next);
        try {
            takeover.await(next);
        } catch (ApplyException failure) {
            stopper.hardStop(next);
            String keeps = serving.map(current -> "; " + current.process().describe() + " keeps serving revision "
                    + current.state().revision()).orElse("");
            throw new ApplyException(ApplyMode.RELOAD, failure.getMessage() + keeps, failure);
        }
        AtomicFiles.move(paths.candidateConfig(), paths.liveConfig());
        serving.ifPresent(old -> retiring.add(old.process(), old.state().revision(), time.wallTime()));
        running = Optional.of(new Running(next, config, plan, state));
        outputs.prune(runningSpawns());
        log.info("{} serves revision {}", next.describe(), state.revision());
        return new ApplyOutcome(ApplyMode.RELOAD, reason);
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

    @Override
    public String describe() {
        return binary().describe();
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
            detail = "serving revision " + current.get().state().revision();
        } else {
            detail = spawned.map(process -> process.describe() + " is not running").orElse("not started");
        }
        return new BackendStatus(
                current.map(serving -> OptionalLong.of(serving.process().pid())).orElse(OptionalLong.empty()),
                spawned.map(HaproxyProcess::spawn).orElse(0L),
                0,
                shown.map(process -> process.stderr().toString()),
                retiring.list(),
                detail);
    }

    /** Soft-stops the serving process and every retiring one, then stops hard what outlives the bound. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (rotation != null) {
            rotation.shutdownNow();
        }
        List<HaproxyProcess> processes = new ArrayList<>(retiring.processes());
        running.map(Running::process).ifPresent(processes::add);
        if (!processes.isEmpty()) {
            log.info("Stopping {}", processes.stream().map(HaproxyProcess::describe).collect(Collectors.joining(", ")));
            stopper.stop(processes, settings.stopTimeout());
        }
        running = Optional.empty();
    }

    private synchronized HaproxyBinary binary() {
        if (binary == null) {
            paths.create();
            binary = HaproxyBinary.locate(settings.binary(), home, paths.directory(), settings.configCheckTimeout());
        }
        return binary;
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

    /**
     * The process that serves, with what it serves.
     *
     * @param config the configuration it runs
     * @param plan the slots of that configuration
     * @param state the newest state it serves
     */
    private record Running(HaproxyProcess process, String config, SlotPlan plan, RoutingState state) {}
}
