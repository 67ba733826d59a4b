package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.BroadcastSink;
import dev.steward.api.ProxyBackend;
import dev.steward.api.metrics.Metrics;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.source.NotAcceptedException;
import dev.steward.api.time.TimeSource;
import dev.steward.core.config.CoalesceSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any storm of broadcasts into a bounded number of applies of the newest state, composed of a
 * revision ledger, a coalescer (when to apply), a convergence timer and a failure record.
 *
 * <p>A broadcast replaces the state of its kind (or one group) under a new revision. The backend is
 * asked whether the state needs a reload: if not, it is applied as soon as no apply runs; if so, it
 * waits for the window, so that a storm gets at most one reload per window. Applies run one at a
 * time on the scheduler. A failure is retried at the next window a few times, then with a growing,
 * capped backoff that never stops, so a settled cluster converges once the fault clears; a broadcast
 * ends the backoff only when it changes what failed. Sources never wait for an apply.
 */
public final class ReloadEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadEngine.class);
    private static final Duration STOP_WAIT = Duration.ofMinutes(2);

    private final CoalesceSettings settings;
    private final ApplyScheduler scheduler;
    private final TimeSource time;
    private final EngineStatistics statistics;
    private final ApplyRunner runner;
    private final RevisionLedger revisions;
    private final ConvergenceTimer convergence;
    private final FailureRecord failures = new FailureRecord();
    private final DeliveryLedger deliveries;
    private final Coalescer coalescer;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition applyFinished = lock.newCondition();
    private RoutingState state;
    private Optional<Long> appliedRevision = Optional.empty();
    private OptionalLong lastReloadNanos = OptionalLong.empty();
    private boolean applying;
    private boolean started;
    private boolean stopped;

    /**
     * @param store the last applied state, what each source had delivered for it, and the revision
     *     reservation are restored from it, so revisions keep growing across restarts, crashes included,
     *     and a restart serves the newest state; each applied state is stored in it before listeners
     *     hear of it
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
        requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.time = requireNonNull(time, "time is null");
        this.runner = new ApplyRunner(backend, store, listeners, time);
        this.statistics = new EngineStatistics(requireNonNull(metrics, "metrics is null"));
        this.state = store.load().orElse(RoutingState.EMPTY);
        this.revisions = new RevisionLedger(store, state.revision());
        this.convergence = new ConvergenceTimer(statistics);
        this.deliveries = new DeliveryLedger(store.deliveries());
        this.coalescer = new Coalescer(scheduler, settings, this::run);
        statistics.received(state.revision());
    }

    /** A sink for one source; what it delivers is counted under the source's name, from 0. */
    public BroadcastSink sink(String source) {
        return new EngineSink(this, statistics, source);
    }

    /** Applies the state accepted so far at once; later broadcasts are coalesced. */
    public void start() {
        lock.lock();
        try {
            if (started) {
                throw new IllegalStateException("engine already started");
            }
            started = true;
            coalescer.start();
        } finally {
            lock.unlock();
        }
    }

    /** Cancels a pending apply and waits for a running one to finish. */
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            coalescer.cancel();
            if (applying) {
                LOG.info("waiting up to {} s for the apply in progress to finish before stopping", STOP_WAIT.toSeconds());
            }
            long waitNanos = STOP_WAIT.toNanos();
            while (applying && waitNanos > 0) {
                waitNanos = applyFinished.awaitNanos(waitNanos);
            }
            revisions.returnUnused();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        scheduler.shutdown();
    }

    /**
     * @return the revision of the state that includes {@code broadcasts}; the current one when none of
     *     them is news (a source's first delivery after a restart that equals its last before the stop)
     * @throws NotAcceptedException when no revision can be reserved for it: nothing is accepted
     * @throws dev.steward.api.model.InvalidBroadcastException when a change of one group clashes with the
     *     state (a route another group has): nothing is accepted, and no revision is used up
     * @throws dev.steward.api.model.UnknownGroupException when a removal names no group of the state:
     *     nothing is accepted, and no revision is used up
     */
    public long accept(String source, List<Broadcast> broadcasts) {
        requireNonNull(source, "source is null");
        requireNonNull(broadcasts, "broadcasts is null");
        if (broadcasts.isEmpty()) {
            throw new IllegalArgumentException("no broadcast to accept");
        }
        broadcasts.forEach(broadcast -> requireNonNull(broadcast, "broadcast is null"));
        lock.lock();
        try {
            List<Broadcast> news = deliveries.news(source, broadcasts);
            if (news.isEmpty()) {
                LOG.info("{} delivered what it had delivered before the stop: not news, revision {} keeps serving", source,
                        state.revision());
                return state.revision();
            }
            RoutingState next = state;
            long revision = revisions.peekNext();
            for (Broadcast broadcast : news) {
                next = next.with(broadcast, revision);
            }
            revisions.next();
            deliveries.record(source, news);
            news.forEach(broadcast -> statistics.accepted(source, broadcast.kind()));
            state = next;
            statistics.received(revision);
            convergence.accepted(revision, time.monotonicNanos());
            boolean changesWhatFailed = failures.changedBy(next);
            if (changesWhatFailed) {
                failures.retrySoon();
            }
            if (started && !stopped && coalescer.broadcast(changesWhatFailed)) {
                statistics.absorbed();
            }
            return revision;
        } finally {
            lock.unlock();
        }
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
                    failures.consecutive(), Backoff.isDegraded(failures.consecutive(), settings), failures.lastError(),
                    failures.failing());
        } finally {
            lock.unlock();
        }
    }

    private void run(Coalescer.Run run) {
        RoutingState snapshot;
        Map<String, String> delivered;
        lock.lock();
        try {
            coalescer.fired();
            if (stopped || !needsApply()) {
                return;
            }
            snapshot = state;
            delivered = deliveries.snapshot();
            applying = true;
        } finally {
            lock.unlock();
        }
        switch (runner.run(snapshot, delivered, run == Coalescer.Run.CHECK)) {
            case ApplyRunner.Result.Applied applied -> succeeded(snapshot, applied);
            case ApplyRunner.Result.NeedsReload reload -> holdForReload(snapshot, reload.reason());
            case ApplyRunner.Result.Failed failure -> failed(snapshot, failure);
        }
    }

    private void holdForReload(RoutingState snapshot, String reason) {
        Duration delay;
        lock.lock();
        try {
            finishRun();
            delay = coalescer.reloadDelay(convergence.oldestWaitingSince(), lastReloadNanos, time.monotonicNanos());
            if (!stopped) {
                coalescer.holdForReload(delay);
            }
        } finally {
            lock.unlock();
        }
        LOG.debug("revision {} needs a reload ({}); it waits {} ms for the window", snapshot.revision(), reason, delay.toMillis());
    }

    private void succeeded(RoutingState snapshot, ApplyRunner.Result.Applied applied) {
        ApplyOutcome outcome = applied.outcome();
        lock.lock();
        try {
            finishRun();
            appliedRevision = Optional.of(snapshot.revision());
            applied.storeFailure().ifPresentOrElse(failures::storeFailed, failures::succeeded);
            if (outcome.mode() == ApplyMode.RELOAD) {
                lastReloadNanos = OptionalLong.of(applied.startNanos());
            }
            statistics.applied(outcome.mode(), applied.durationNanos(), snapshot.revision());
            statistics.failing(failures.failing());
            convergence.applied(snapshot.revision(), time.monotonicNanos());
        } finally {
            lock.unlock();
        }
        LOG.info("revision {} applied by {}: {} ({} ms)", snapshot.revision(), outcome.mode().label(), outcome.reason(),
                TimeUnit.NANOSECONDS.toMillis(applied.durationNanos()));
        if (applied.storeFailure().isEmpty()) {
            runner.tellListeners(snapshot);
        }
    }

    private void failed(RoutingState snapshot, ApplyRunner.Result.Failed failure) {
        Duration retryIn;
        int inARow;
        lock.lock();
        try {
            finishRun();
            failures.failed(snapshot, failure.problem(), time.wallTime());
            inARow = failures.consecutive();
            if (failure.mode() == ApplyMode.RELOAD) {
                lastReloadNanos = OptionalLong.of(failure.startNanos());
            }
            statistics.failed(failure.mode(), failure.durationNanos());
            statistics.failing(failures.failing());
            retryIn = Backoff.after(inARow, settings);
            if (!stopped) {
                // A broadcast during the apply armed a run; it keeps it only if it changes what failed.
                coalescer.retry(retryIn, failures.changedBy(state));
            }
        } finally {
            lock.unlock();
        }
        RuntimeException problem = failure.problem();
        if (problem instanceof ApplyException) {
            LOG.warn("apply of revision {} failed ({} in a row), retrying in {} ms: {}", snapshot.revision(), inARow,
                    retryIn.toMillis(), problem.getMessage());
        } else {
            LOG.error("apply of revision {} failed unexpectedly ({} in a row), retrying in {} ms", snapshot.revision(), inARow,
                    retryIn.toMillis(), problem);
        }
    }

    private void finishRun() {
        applying = false;
        applyFinished.signalAll();
    }

    private boolean needsApply() {
        return appliedRevision.map(applied -> applied < state.revision()).orElse(true);
    }
}
