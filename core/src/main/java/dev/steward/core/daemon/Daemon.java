package dev.steward.core.daemon;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ProxyBackend;
import dev.steward.api.proxy.ProxyStop;
import dev.steward.core.engine.ReloadEngine;
import dev.steward.core.http.ApiServer;
import dev.steward.core.lifecycle.LifeCycle;
import dev.steward.core.lifecycle.StopRequests;
import dev.steward.core.ports.PortGateRefresher;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running Steward: the port policy, the proxy backend, the sources, the engine, what watches
 * it, and the HTTP API, started in that order and stopped in reverse: the API stops taking requests
 * first, and the engine stops before the proxy does. A stop leaves the proxy stopped or serving as the
 * backend's setting says, unless the stop itself says otherwise.
 */
public final class Daemon {
    private final LifeCycle lifeCycle = new LifeCycle();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Optional<ProxyStop>> proxyStop = new AtomicReference<>(Optional.empty());

    @Inject
    public Daemon(Plugins plugins, ReloadEngine engine, PortGateRefresher portGate, ApiServer api,
            StopRequests stopRequests) {
        requireNonNull(plugins, "plugins is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(portGate, "portGate is null");
        requireNonNull(api, "api is null");
        requireNonNull(stopRequests, "stopRequests is null");
        ProxyBackend backend = plugins.backend();
        lifeCycle.add("port policy", service(() -> {}, plugins.portPolicy()::close));
        lifeCycle.add("proxy backend", service(backend::start,
                () -> proxyStop.get().ifPresentOrElse(backend::close, backend::close)));
        for (NamedSource source : plugins.sources()) {
            lifeCycle.add("source " + source.name(),
                    service(() -> source.source().start(engine.sink(source.name())), source.source()::close));
        }
        lifeCycle.add("engine", service(engine::start, engine::stop));
        lifeCycle.add("port gate", service(portGate::start, portGate::stop));
        lifeCycle.add("http api", service(api::start, api::stop));
        stopRequests.handleWith(this::stop);
    }

    public void start() {
        lifeCycle.start();
    }

    /** Stops everything; returns the stop failures, which were also logged. */
    public List<LifeCycle.StopFailure> stop() {
        try {
            return lifeCycle.stop();
        } finally {
            stopped.countDown();
        }
    }

    /** Stops everything and leaves the proxy as {@code how} says, whatever the backend's setting; returns the stop failures. */
    public List<LifeCycle.StopFailure> stop(ProxyStop how) {
        requireNonNull(how, "how is null");
        proxyStop.compareAndSet(Optional.empty(), Optional.of(how));
        return stop();
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** @return whether the daemon stopped within {@code bound} */
    public boolean awaitStop(Duration bound) throws InterruptedException {
        requireNonNull(bound, "bound is null");
        return stopped.await(bound.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static LifeCycle.Service service(Runnable start, Runnable stop) {
        return new LifeCycle.Service() {
            @Override
            public void start() {
                start.run();
            }

            @Override
            public void stop() {
                stop.run();
            }
        };
    }
}
