package dev.steward.haproxy.apply;

import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ReloadNeededException;
import dev.steward.haproxy.plan.ApplyPlan;
import java.util.Optional;

/**
 * The forecast the engine was given last, and the reload owed when one that promised no reload broke:
 * that state is not served, and the next apply reloads, whatever its own state would take.
 */
final class Promises {
    private Optional<RoutingState> runtime = Optional.empty();
    private Optional<String> owed = Optional.empty();

    void forecast(RoutingState state, ApplyPlan plan) {
        runtime = plan instanceof ApplyPlan.Runtime ? Optional.of(state) : Optional.empty();
    }

    /** Whether the last forecast promised {@code state} no reload; an apply takes the promise once. */
    boolean takeRuntimePromise(RoutingState state) {
        boolean promised = runtime.filter(forecast -> forecast == state || forecast.equals(state)).isPresent();
        runtime = Optional.empty();
        return promised;
    }

    /** Why the next apply reloads; empty when no reload is owed. */
    Optional<String> owed() {
        return owed;
    }

    /** The promise for {@code state} broke for {@code reason}: the next apply reloads. */
    ReloadNeededException broken(RoutingState state, String reason, Optional<? extends Exception> cause) {
        owed = Optional.of(reason);
        String message = "revision " + state.revision() + " was forecast to need no reload, but " + reason
                + "; it is not served yet, the next apply reloads";
        return cause.map(failure -> new ReloadNeededException(message, failure)).orElseGet(() -> new ReloadNeededException(message));
    }

    /** A new process serves the newest state: nothing is owed. */
    void reloaded() {
        owed = Optional.empty();
    }
}
