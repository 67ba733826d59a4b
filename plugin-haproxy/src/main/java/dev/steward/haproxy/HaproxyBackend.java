package dev.steward.haproxy;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ProxyBackend;
import dev.steward.api.metrics.Metrics;
import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyForecast;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.proxy.BackendStatus;
import dev.steward.api.proxy.ProxyStop;
import dev.steward.api.proxy.ReloadNeededException;
import dev.steward.api.proxy.RetirementBound;
import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.apply.Applier;
import dev.steward.haproxy.output.AccessLogReceiver;
import dev.steward.haproxy.process.HaproxyProcess;
import dev.steward.haproxy.process.RetiringProcess;
import dev.steward.haproxy.process.Supervisor;
import dev.steward.haproxy.runtime.HaproxyException;
import dev.steward.haproxy.serving.Inheritance;
import dev.steward.haproxy.serving.Reloader;
import dev.steward.haproxy.settings.HaproxySettings;
import dev.steward.haproxy.settings.RuntimePaths;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a local HAProxy serve routing states, by composing the plugin's parts: the planner decides
 * whether a state fits the running process ({@link Applier}), the slots are set through the runtime
 * API, a reload replaces the process ({@link Reloader}), the supervisor restarts one that exits, and
 * an HAProxy an earlier Steward left running is taken over at start ({@link Inheritance}).
 *
 * <p>Forecasts, applies, restarts, drain completion and the periodic reconcile all run under this
 * object's lock, so a reload and runtime changes never interleave.
 */
final class HaproxyBackend implements ProxyBackend {
    private static final Logger log = LoggerFactory.getLogger(HaproxyBackend.class);

    private final HaproxySettings settings;
    private final RuntimePaths paths;
    private final BackendParts parts;
    private volatile boolean closed;
    /** Whether start() ran: only a started backend owns the processes of its data directory and their record. */
    private boolean started;

    HaproxyBackend(HaproxySettings settings, RuntimePaths paths, Path home, TimeSource time, Metrics metrics) {
        this.settings = requireNonNull(settings, "settings is null");
        this.paths = requireNonNull(paths, "paths is null");
        this.parts = BackendParts.wire(settings, paths, home, time, metrics, new SupervisedRestarts());
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
        log.info("HAProxy backend uses {}; files under {}", parts.installation().binary().describe(), paths.directory());
        if (!started) {
            started = true;
            parts.inheritance().takeOn(parts.adopter().find());
        }
        parts.accessLog().ifPresent(AccessLogReceiver::start);
        parts.background().start(this::rotateOutputs, this::completeDrains, this::reconcile, settings.reconcileInterval());
    }

    /**
     * Runtime when the state fits the running process's groups and pools, a promise its apply keeps;
     * otherwise a reload, with the reason that apply gives.
     */
    @Override
    public synchronized ApplyForecast forecast(RoutingState state) {
        requireNonNull(state, "state is null");
        requireOpen();
        return parts.applier().forecast(state);
    }

    /**
     * Runtime first: when the state fits the running process's groups and pools, its slots are set
     * through the runtime API; otherwise, or when a runtime command fails, a validated reload. An
     * adopted process's slots are read back first, so that each replica keeps its slot.
     *
     * @throws ReloadNeededException when a state forecast to need no reload needs one after all
     */
    @Override
    public synchronized ApplyOutcome apply(RoutingState state) {
        requireNonNull(state, "state is null");
        requireOpen();
        return parts.applier().apply(state);
    }

    @Override
    public String render(RoutingState state) {
        requireNonNull(state, "state is null");
        return parts.renderer().render(state, parts.allocator().plan(state));
    }

    @Override
    public void verify(RoutingState state) {
        parts.installation().verify(render(state));
    }

    /** @throws ApplyException when HAProxy is missing, prints no version or is older than Steward supports */
    @Override
    public String describe() {
        return parts.installation().describe();
    }

    @Override
    public BackendStatus status() {
        return parts.statusReport().status(closed);
    }

    /**
     * A slot whose target left at revision R still routes to it until its drain ends: R - 1 is served
     * whole. An old process routes by the revision it served when it was replaced.
     */
    @Override
    public OptionalLong oldestRoutedRevision() {
        LongStream draining = parts.slots().oldestDrainRemoval().stream().map(removal -> removal - 1);
        LongStream retired = parts.processes().retiring().list().stream().mapToLong(RetiringProcess::revision);
        return LongStream.concat(draining, retired).min();
    }

    @Override
    public Optional<RetirementBound> retirementBound() {
        return Optional.of(settings.retirementBound());
    }

    /** Stops or keeps HAProxy as {@code steward.haproxy.on-stop} says. */
    @Override
    public void close() {
        close(settings.onStop());
    }

    /** {@code STOP} stops every process gracefully, {@code KEEP} leaves them for the next Steward; the access log is read until then. */
    @Override
    public synchronized void close(ProxyStop how) {
        requireNonNull(how, "how is null");
        if (closed) {
            return;
        }
        closed = true;
        parts.supervisor().close();
        parts.background().close();
        // A backend that only rendered or checked (steward check, render) leaves a running Steward's processes alone.
        if (started) {
            parts.shutdown().stop(how);
        }
        parts.processes().forget();
        parts.poller().close();
        parts.accessLog().ifPresent(AccessLogReceiver::close);
    }

    private synchronized void completeDrains() {
        if (!closed) {
            parts.driftRepair().completeDrains();
        }
    }

    private synchronized void reconcile() {
        if (!closed) {
            parts.driftRepair().repair();
        }
    }

    private void rotateOutputs() {
        try {
            parts.outputs().rotateOversized(parts.processes().aliveSpawns());
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
    private final class SupervisedRestarts implements Supervisor.Restarter {
        @Override
        public boolean serves(HaproxyProcess process) {
            synchronized (HaproxyBackend.this) {
                return !closed && parts.processes().serves(process);
            }
        }

        @Override
        public Optional<HaproxyProcess> restart(HaproxyProcess exited, String cause) {
            synchronized (HaproxyBackend.this) {
                return closed ? Optional.empty() : parts.restarts().restart(exited, cause);
            }
        }
    }
}
