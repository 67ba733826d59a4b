package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ProxyBackend;
import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.proxy.ReloadNeededException;
import dev.steward.api.time.TimeSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one apply outside the engine's lock: asks the backend for a forecast when told to, applies,
 * stores what was applied, and tells the listeners, in their order. What happened comes back for the
 * engine to account for.
 */
final class ApplyRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyRunner.class);

    private final ProxyBackend backend;
    private final AppliedStateStore store;
    private final List<ApplyListener> listeners;
    private final TimeSource time;

    ApplyRunner(ProxyBackend backend, AppliedStateStore store, List<ApplyListener> listeners, TimeSource time) {
        this.backend = requireNonNull(backend, "backend is null");
        this.store = requireNonNull(store, "store is null");
        this.listeners = List.copyOf(requireNonNull(listeners, "listeners is null"));
        this.time = requireNonNull(time, "time is null");
    }

    /** What one run came to. */
    sealed interface Result {
        /** The backend serves the state; {@code storeFailure} when it could not be stored. */
        record Applied(ApplyOutcome outcome, long startNanos, long durationNanos, Optional<String> storeFailure)
                implements Result {}

        /** The state needs a reload and was not applied: it waits for the window. */
        record NeedsReload(String reason) implements Result {}

        record Failed(ApplyMode mode, RuntimeException problem, long startNanos, long durationNanos) implements Result {}
    }

    /**
     * @param askFirst whether to ask the backend's forecast first, and apply only what needs no reload
     * @param delivered what the sources had delivered for {@code snapshot}, stored with it
     */
    Result run(RoutingState snapshot, Map<String, String> delivered, boolean askFirst) {
        if (askFirst) {
            Optional<String> reload = reloadForecast(snapshot);
            if (reload.isPresent()) {
                return new Result.NeedsReload(reload.get());
            }
        }
        long startNanos = time.monotonicNanos();
        try {
            ApplyOutcome outcome = backend.apply(snapshot);
            long durationNanos = time.monotonicNanos() - startNanos;
            return new Result.Applied(outcome, startNanos, durationNanos, store(snapshot, delivered));
        } catch (ReloadNeededException owed) {
            return new Result.NeedsReload(owed.getMessage());
        } catch (ApplyException problem) {
            return new Result.Failed(problem.attempted(), problem, startNanos, time.monotonicNanos() - startNanos);
        } catch (RuntimeException problem) {
            return new Result.Failed(ApplyMode.RELOAD, problem, startNanos, time.monotonicNanos() - startNanos);
        }
    }

    /** Listeners confirm revisions to the port policy: only a stored state, which no restart could hand out again. */
    void tellListeners(RoutingState applied) {
        for (ApplyListener listener : listeners) {
            try {
                listener.applied(applied);
            } catch (RuntimeException problem) {
                LOG.warn("apply listener failed for revision {}", applied.revision(), problem);
            }
        }
    }

    /** Why the state needs a reload, or empty when the backend can apply it at once. */
    private Optional<String> reloadForecast(RoutingState snapshot) {
        try {
            return backend.forecast(snapshot).reloadReason();
        } catch (RuntimeException problem) {
            LOG.warn("the proxy backend could not forecast revision {}; it waits for the window as a reload: {}",
                    snapshot.revision(), problem.getMessage());
            return Optional.of("no forecast: " + problem.getMessage());
        }
    }

    /** The state first, then what the sources had delivered for it: never digests newer than the state stored. */
    private Optional<String> store(RoutingState snapshot, Map<String, String> delivered) {
        try {
            store.save(snapshot);
            store.saveDeliveries(delivered);
            return Optional.empty();
        } catch (StateStoreException problem) {
            LOG.error("revision {} is served but could not be stored; it is not confirmed to listeners: {}",
                    snapshot.revision(), problem.getMessage());
            return Optional.of(problem.getMessage());
        }
    }
}
