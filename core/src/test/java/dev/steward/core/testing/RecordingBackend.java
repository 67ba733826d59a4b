package dev.steward.core.testing;

import dev.steward.api.ProxyBackend;
import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyForecast;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.proxy.BackendStatus;
import dev.steward.api.proxy.ReloadNeededException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A backend that records what it is asked to apply; it can fail on demand or act during an apply.
 * Safe to read from another thread than the one applying, as the HTTP tests do. Between start and
 * close it reports a process, as a running proxy would.
 */
public class RecordingBackend implements ProxyBackend {
    private static final long FAKE_PID = 4242;

    private final List<RoutingState> applied = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failuresToGo = new AtomicInteger();
    private volatile Consumer<RoutingState> duringApply = state -> {};
    private volatile Function<RoutingState, ApplyForecast> forecast = state -> ApplyForecast.reload("recorded");
    private volatile Set<String> culprits = Set.of();
    private final AtomicInteger reloadsOwed = new AtomicInteger();
    private final List<RoutingState> forecasts = new CopyOnWriteArrayList<>();
    private final List<ApplyMode> modes = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /** What it forecasts; by default every state needs a reload, as for a backend that cannot tell. */
    public void forecast(Function<RoutingState, ApplyForecast> answer) {
        this.forecast = answer;
    }

    @Override
    public ApplyForecast forecast(RoutingState state) {
        forecasts.add(state);
        return forecast.apply(state);
    }

    /** The states it was asked to forecast, in order. */
    public List<RoutingState> forecasts() {
        return List.copyOf(forecasts);
    }

    /** The next {@code count} applies that would be runtime applies break the forecast and owe a reload. */
    public void owe(int count) {
        reloadsOwed.set(count);
    }

    @Override
    public ApplyOutcome apply(RoutingState state) {
        attempts.incrementAndGet();
        duringApply.accept(state);
        if (failuresToGo.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new ApplyException(ApplyMode.RELOAD, "injected failure", culprits, null);
        }
        ApplyMode mode = forecastSaysRuntime(state) ? ApplyMode.RUNTIME : ApplyMode.RELOAD;
        if (mode == ApplyMode.RUNTIME && reloadsOwed.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new ReloadNeededException("injected: a runtime command failed", null);
        }
        applied.add(state);
        modes.add(mode);
        return mode == ApplyMode.RELOAD ? ApplyOutcome.reload("recorded") : ApplyOutcome.runtime("recorded");
    }

    private boolean forecastSaysRuntime(RoutingState state) {
        try {
            return !forecast.apply(state).needsReload();
        } catch (RuntimeException cannotTell) {
            return false;
        }
    }

    /** The mode of each successful apply, in order: a runtime apply where the forecast said so. */
    public List<ApplyMode> modes() {
        return List.copyOf(modes);
    }

    @Override
    public String render(RoutingState state) {
        return "revision " + state.revision();
    }

    @Override
    public void verify(RoutingState state) {}

    @Override
    public String describe() {
        return "recording backend";
    }

    @Override
    public BackendStatus status() {
        // The facts the HAProxy plugin reports, so that status shows them as it would for HAProxy.
        BackendStatus.Builder status = BackendStatus.builder().detail(running ? "recording" : "not started")
                .detail("spawn", running ? 1L : 0L)
                .detail("stderrLog", Optional.empty())
                .detail("retiring", List.of());
        if (running) {
            status.pid(FAKE_PID);
        }
        return status.build();
    }

    @Override
    public void close() {
        running = false;
    }

    /** The next {@code count} applies fail. */
    public void failNext(int count) {
        failNext(count, Set.of());
    }

    /** The next {@code count} applies fail, naming {@code culprits} as what they could not serve. */
    public void failNext(int count, Set<String> culprits) {
        this.culprits = Set.copyOf(culprits);
        failuresToGo.set(count);
    }

    /** Runs {@code action} inside every apply, before it completes. */
    public void duringApply(Consumer<RoutingState> action) {
        duringApply = action;
    }

    public List<RoutingState> applied() {
        return List.copyOf(applied);
    }

    /** Applies tried, failed ones included. */
    public int attempts() {
        return attempts.get();
    }
}
