package dev.steward.core.testing;

import dev.steward.api.ProxyBackend;
import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.proxy.BackendStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

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
    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    @Override
    public ApplyOutcome apply(RoutingState state) {
        attempts.incrementAndGet();
        duringApply.accept(state);
        if (failuresToGo.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new ApplyException(ApplyMode.RELOAD, "injected failure");
        }
        applied.add(state);
        return ApplyOutcome.reload("recorded");
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
        BackendStatus.Builder status = BackendStatus.builder().detail(running ? "recording" : "not started");
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
