package dev.steward.core.testing;

import dev.steward.api.ApplyException;
import dev.steward.api.ApplyMode;
import dev.steward.api.ApplyOutcome;
import dev.steward.api.BackendStatus;
import dev.steward.api.ProxyBackend;
import dev.steward.api.model.RoutingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** A backend that records what it is asked to apply; it can fail on demand or act during an apply. */
public class RecordingBackend implements ProxyBackend {
    private final List<RoutingState> applied = new ArrayList<>();
    private int attempts;
    private int failuresToGo;
    private Consumer<RoutingState> duringApply = state -> {};

    @Override
    public void start() {}

    @Override
    public ApplyOutcome apply(RoutingState state) {
        attempts++;
        duringApply.accept(state);
        if (failuresToGo > 0) {
            failuresToGo--;
            throw new ApplyException(ApplyMode.RELOAD, "injected failure");
        }
        applied.add(state);
        return new ApplyOutcome(ApplyMode.RELOAD, "recorded");
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
        return new BackendStatus(OptionalLong.empty(), 0, 0, Optional.empty(), List.of(), "recording");
    }

    @Override
    public void close() {}

    /** The next {@code count} applies fail. */
    public void failNext(int count) {
        failuresToGo = count;
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
        return attempts;
    }
}
