package dev.steward.bench.engine;

import dev.steward.api.ProxyBackend;
import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.proxy.BackendStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/** A backend that only counts applies, so a benchmark measures the engine and nothing else. */
final class CountingBackend implements ProxyBackend {
    private final AtomicLong applies = new AtomicLong();

    @Override
    public void start() {}

    @Override
    public ApplyOutcome apply(RoutingState state) {
        applies.incrementAndGet();
        return ApplyOutcome.runtime("counted");
    }

    @Override
    public String render(RoutingState state) {
        return "";
    }

    @Override
    public void verify(RoutingState state) {}

    @Override
    public String describe() {
        return "counting backend";
    }

    @Override
    public BackendStatus status() {
        return BackendStatus.builder().detail("counting").build();
    }

    @Override
    public void close() {}

    long applies() {
        return applies.get();
    }
}
