package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ProxyBackend;
import dev.steward.api.metrics.Metrics;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.source.NotAcceptedException;
import dev.steward.api.time.TimeSource;
import dev.steward.core.config.CoalesceSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any storm of broadcasts into a bounded number of applies of the newest state.
 *
 * <p>A broadcast replaces the state of its kind and, if no apply is pending, arms one a window
 * later; broadcasts before it fires are absorbed, and the window is not extended, so a storm gets
 * one apply per window. Applies run one at a time on the scheduler. A failure is retried at the
 * next window a few times, then with a growing, capped backoff that never stops, so a settled
 * cluster converges once the fault clears. Sources never wait for an apply.
 */
public final class ReloadEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadEngine.class);
    private static final int MAX_TRACKED_ACCEPTS = 100_000;
    private static final Duration STOP_WAIT = Duration.ofMinutes(2);
    /**
     * Revisions reserved by one durable write: a crash skips at most this many, and accepting costs
     * one write per this many broadcasts.
     */
    static final long RESERVATION = 10_000;

    private final ProxyBackend backend;
    private final CoalesceSettings settings;
    private final ApplyScheduler scheduler;
    private final TimeSource time;
    private final List<ApplyListener> listeners;
    private final AppliedStateStore store;
    private final EngineStatistics statistics;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition applyFinished = lock.newCondition();
    private RoutingState state;
    /** The highest revision handed out to a source; the state's revision unless a crash skipped some. */
    private long issuedRevision;
    private long reservedRevision;
    private Optional<Long> appliedRevision = Optional.empty();
    private final Deque<Accepted> unappliedAccepts = new ArrayDeque<>();
    private ApplyScheduler.ScheduledApply pending;
    private boolean pendingIsBackoff;
    private boolean applying;
    private boolean started;
    private boolean stopped;
    private int consecutiveFailures;
    private Optional<String> lastError = Optional.empty();

    /**
     * @param store the last applied state and the revision reservation are restored from it, so
     *     revisions keep growing across restarts, crashes included; each applied state is stored in it
     *     before listeners hear of it
     * @throws StateStoreException when a stored state exists but cannot be read
     */
    public ReloadEngine(
            ProxyBackend backend,
            CoalesceSettings settings,
            ApplyScheduler scheduler,
            TimeSource time,
            Metrics metrics,
            List<ApplyListener> listeners,
            AppliedStateStore store) {
        this.backend = requireNonNull(backend, "backend is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.time = requireNonNull(time, "time is null");
        this.listeners = List.copyOf(requireNonNull(listeners, "listeners is null"));
        this.store = requireNonNull(store, "store is null");
        this.statistics = new EngineStatistics(requireNonNull(metrics, "metrics is null"));
        this.state = store.load().orElse(RoutingState.EMPTY);
        // After a crash, revisions up to the reservation may have been handed out and never applied.
        this.issuedRevision = Math.max(state.revision(), store.reservedRevision());
        this.reservedRevision = issuedRevision;
        statistics.received(state.revision());
    }

    /** A sink for one source; what it delivers is counted under the source's name, from 0. */
    public SourceSink sink(String source) {
        requireNonNull(source, "source is null");
        statistics.source(source);
        return new SourceSink() {
            @Override
            public long accept(List<Broadcast> broadcasts) {
                return ReloadEngine.this.accept(source, broadcasts);
            }

            @Override
            public void reject(InvalidBroadcastException problem) {
                ReloadEngine.this.reject(source, problem);
            }

            @Override
            public void reject(BroadcastKind kind, InvalidBroadcastException problem) {
                requireNonNull(kind, "kind is null");
                requireNonNull(problem, "problem is null");
                statistics.rejected(source, kind);
                LOG.warn("{} from {} rejected: {}", kind.field(), source, problem.getMessage());
            }
        };
    }

    /** Applies the state accepted so far at once; later broadcasts are coalesced. */
    public void start() {
        lock.lock();
        try {
            if (started) {
                throw new IllegalStateException("engine already started");
            }
            started = true;
            arm(Duration.ZERO, false);
        } finally {
            lock.unlock();
        }
    }

    /** Cancels a pending apply and waits for a running one to finish. */
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            cancelPending();
            if (applying) {
                LOG.info("waiting up to {} s for the apply in progress to finish before stopping", STOP_WAIT.toSeconds());
            }
            long waitNanos = STOP_WAIT.toNanos();
            while (applying && waitNanos > 0) {
                waitNanos = applyFinished.awaitNanos(waitNanos);
            }
            returnUnusedReservation();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        scheduler.shutdown();
    }

    private void reserve(long revision) {
        try {
            store.reserveRevisions(revision);
        } catch (StateStoreException problem) {
            throw new NotAcceptedException(problem.getMessage(), problem);
        }
        reservedRevision = revision;
    }

    /** So that a clean restart continues with the next revision instead of skipping the rest of the reservation. */
    private void returnUnusedReservation() {
        if (reservedRevision == issuedRevision) {
            return;
        }
        try {
            store.reserveRevisions(issuedRevision);
            reservedRevision = issuedRevision;
        } catch (StateStoreException problem) {
            LOG.warn("the unused revisions above {} stay reserved ({}): the next start continues after {}", issuedRevision,
                    problem.getMessage(), reservedRevision);
        }
    }

    /**
     * @return the revision of the state that includes {@code broadcasts}
     * @throws NotAcceptedException when no revision can be reserved for it: nothing is accepted
     * @throws InvalidBroadcastException when a change of one group clashes with the state: nothing is
     *     accepted, and no revision is used up
     * @throws dev.steward.api.model.UnknownGroupException when a removal names no group of the state:
     *     nothing is accepted, and no revision is used up
     */
    public long accept(String source, List<Broadcast> broadcasts) {
        requireNonNull(source, "source is null");
        requireNonNull(broadcasts, "broadcasts is null");
        if (broadcasts.isEmpty()) {
            throw new IllegalArgumentException("no broadcast to accept");
        }
        lock.lock();
        try {
            long revision = issuedRevision + 1;
            // Folded before anything changes: a broadcast the state refuses leaves the engine as it was.
            RoutingState next = state;
            for (Broadcast broadcast : broadcasts) {
                next = next.with(requireNonNull(broadcast, "broadcast is null"), revision);
            }
            if (revision > reservedRevision) {
                reserve(issuedRevision + RESERVATION);
            }
            issuedRevision = revision;
            broadcasts.forEach(broadcast -> statistics.accepted(source, broadcast.kind()));
            state = next;
            statistics.received(revision);
            consecutiveFailures = 0;
            track(revision);
            if (started && !stopped) {
                if (pending == null) {
                    arm(settings.window(), false);
                } else if (pendingIsBackoff) {
                    cancelPending();
                    arm(settings.window(), false);
                } else {
                    statistics.absorbed();
                }
            }
            return revision;
        } finally {
            lock.unlock();
        }
    }

    public void reject(String source, InvalidBroadcastException problem) {
        requireNonNull(source, "source is null");
        requireNonNull(problem, "problem is null");
        statistics.rejected(source, problem);
        LOG.warn("broadcast from {} rejected: {}", source, problem.getMessage());
    }

    /** The newest accepted state. */
    public RoutingState state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    public EngineStatus status() {
        lock.lock();
        try {
            return new EngineStatus(state.revision(), appliedRevision, statistics.reloads(), statistics.runtimeUpdates(),
                    statistics.failed(), statistics.accepted(), statistics.rejected(), statistics.coalesced(),
                    consecutiveFailures, Backoff.isDegraded(consecutiveFailures, settings), lastError);
        } finally {
            lock.unlock();
        }
    }

    private void runApply() {
        RoutingState snapshot;
        lock.lock();
        try {
            pending = null;
            if (stopped || !needsApply()) {
                return;
            }
            snapshot = state;
            applying = true;
        } finally {
            lock.unlock();
        }
        long startNanos = time.monotonicNanos();
        try {
            ApplyOutcome outcome = backend.apply(snapshot);
            succeeded(snapshot, outcome, time.monotonicNanos() - startNanos);
        } catch (ApplyException problem) {
            failed(snapshot, problem.attempted(), problem, time.monotonicNanos() - startNanos);
        } catch (RuntimeException problem) {
            failed(snapshot, ApplyMode.RELOAD, problem, time.monotonicNanos() - startNanos);
        }
    }

    private void succeeded(RoutingState snapshot, ApplyOutcome outcome, long durationNanos) {
        Optional<String> storeFailure = store(snapshot);
        lock.lock();
        try {
            applying = false;
            applyFinished.signalAll();
            appliedRevision = Optional.of(snapshot.revision());
            consecutiveFailures = 0;
            lastError = storeFailure;
            statistics.applied(outcome.mode(), durationNanos, snapshot.revision());
            observeConvergence(snapshot.revision());
        } finally {
            lock.unlock();
        }
        LOG.info("revision {} applied by {}: {} ({} ms)", snapshot.revision(), outcome.mode().label(), outcome.reason(),
                TimeUnit.NANOSECONDS.toMillis(durationNanos));
        if (storeFailure.isPresent()) {
            // Listeners confirm revisions to the port policy; a confirmation of a revision that a restart
            // could hand out again would let a quarantined port return too early.
            return;
        }
        for (ApplyListener listener : listeners) {
            try {
                listener.applied(snapshot);
            } catch (RuntimeException problem) {
                LOG.warn("apply listener failed for revision {}", snapshot.revision(), problem);
            }
        }
    }

    private Optional<String> store(RoutingState snapshot) {
        try {
            store.save(snapshot);
            return Optional.empty();
        } catch (StateStoreException problem) {
            LOG.error("revision {} is served but could not be stored; it is not confirmed to listeners: {}",
                    snapshot.revision(), problem.getMessage());
            return Optional.of(problem.getMessage());
        }
    }

    private void failed(RoutingState snapshot, ApplyMode mode, RuntimeException problem, long durationNanos) {
        Duration retryIn;
        lock.lock();
        try {
            applying = false;
            applyFinished.signalAll();
            consecutiveFailures++;
            lastError = Optional.of(String.valueOf(problem.getMessage()));
            statistics.failed(mode, durationNanos);
            retryIn = Backoff.after(consecutiveFailures, settings);
            if (pending == null && !stopped) {
                arm(retryIn, Backoff.isDegraded(consecutiveFailures, settings));
            }
        } finally {
            lock.unlock();
        }
        if (problem instanceof ApplyException) {
            LOG.warn("apply of revision {} failed ({} in a row), retrying in {} ms: {}", snapshot.revision(),
                    consecutiveFailures, retryIn.toMillis(), problem.getMessage());
        } else {
            LOG.error("apply of revision {} failed unexpectedly ({} in a row), retrying in {} ms", snapshot.revision(),
                    consecutiveFailures, retryIn.toMillis(), problem);
        }
    }

    private boolean needsApply() {
        return appliedRevision.map(applied -> applied < state.revision()).orElse(true);
    }

    private void arm(Duration delay, boolean isBackoff) {
        pending = scheduler.schedule(this::runApply, delay);
        pendingIsBackoff = isBackoff;
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    private void track(long revision) {
        if (unappliedAccepts.size() == MAX_TRACKED_ACCEPTS) {
            unappliedAccepts.removeFirst();
        }
        unappliedAccepts.addLast(new Accepted(revision, time.monotonicNanos()));
    }

    private void observeConvergence(long revision) {
        long now = time.monotonicNanos();
        while (!unappliedAccepts.isEmpty() && unappliedAccepts.peekFirst().revision() <= revision) {
            statistics.converged(now - unappliedAccepts.removeFirst().nanos());
        }
    }

    /** When a revision was accepted, to measure how long it took to be served. */
    private record Accepted(long revision, long nanos) {}
}
