package dev.steward.core.daemon;

import static java.util.Objects.requireNonNull;

import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.spi.Message;
import dev.steward.api.PortPolicy;
import dev.steward.api.ProxyBackend;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.api.time.TimeSource;
import dev.steward.core.engine.ReloadEngine;
import dev.steward.core.http.ApiServer;
import dev.steward.core.metrics.PrometheusMetrics;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A daemon wired and ready to start, with the parts of it that commands and tests drive. Guice stays in
 * this package: the injector builds the parts once and goes away.
 */
public final class DaemonHandle {
    private final Daemon daemon;
    private final ReloadEngine engine;
    private final ProxyBackend backend;
    private final PortPolicy portPolicy;
    private final PrometheusMetrics metrics;
    private final ApiServer api;

    private DaemonHandle(Injector injector) {
        this.daemon = injector.getInstance(Daemon.class);
        this.engine = injector.getInstance(ReloadEngine.class);
        this.backend = injector.getInstance(ProxyBackend.class);
        this.portPolicy = injector.getInstance(PortPolicy.class);
        this.metrics = injector.getInstance(PrometheusMetrics.class);
        this.api = injector.getInstance(ApiServer.class);
    }

    /**
     * Creates the configured plugins and wires the daemon around them.
     *
     * @throws InvalidConfigException listing every plugin's bad settings
     * @throws WiringException when a part of the daemon cannot be built
     */
    public static DaemonHandle create(Bootstrapped bootstrapped, TimeSource time) {
        requireNonNull(bootstrapped, "bootstrapped is null");
        requireNonNull(time, "time is null");
        try {
            return new DaemonHandle(StewardModule.createInjector(bootstrapped, time));
        } catch (CreationException failure) {
            // Guice's own message wraps the part's in its error report; the part's is what a user can act on.
            throw new WiringException(failure.getErrorMessages().stream().map(Message::getCause).filter(Objects::nonNull)
                    .findFirst().orElse(failure));
        }
    }

    public Daemon daemon() {
        return daemon;
    }

    public ReloadEngine engine() {
        return engine;
    }

    public ProxyBackend backend() {
        return backend;
    }

    public PortPolicy portPolicy() {
        return portPolicy;
    }

    public PrometheusMetrics metrics() {
        return metrics;
    }

    /** Where the HTTP API listens, once the daemon has started it. */
    public Optional<URI> api() {
        return api.uri();
    }
}
