package dev.steward.core.daemon;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import dev.steward.api.PortPolicy;
import dev.steward.api.ProxyBackend;
import dev.steward.api.metrics.Metrics;
import dev.steward.api.source.FleetView;
import dev.steward.api.time.TimeSource;
import dev.steward.core.config.StewardSettings;
import dev.steward.core.engine.ApplyListener;
import dev.steward.core.engine.ApplyScheduler;
import dev.steward.core.engine.ExecutorApplyScheduler;
import dev.steward.core.engine.FileAppliedStateStore;
import dev.steward.core.engine.ReloadEngine;
import dev.steward.core.http.ApiServer;
import dev.steward.core.http.ApiServices;
import dev.steward.core.lifecycle.StopRequests;
import dev.steward.core.metrics.PrometheusMetrics;
import dev.steward.core.ports.PortGate;
import dev.steward.core.ports.PortGateRefresher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the daemon: the created plugins, the engine and the services around it. Plugins are created
 * before the injector, so that every configuration problem is reported at once and plugins never
 * meet Guice.
 */
public final class StewardModule extends AbstractModule {
    /** How soon a released port can return after the last old proxy process exits. */
    private static final Duration PORT_GATE_REFRESH = Duration.ofSeconds(1);

    private final Bootstrapped bootstrapped;
    private final Plugins plugins;
    private final PrometheusMetrics metrics;
    private final TimeSource time;

    public StewardModule(Bootstrapped bootstrapped, Plugins plugins, PrometheusMetrics metrics, TimeSource time) {
        this.bootstrapped = requireNonNull(bootstrapped, "bootstrapped is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.time = requireNonNull(time, "time is null");
    }

    /**
     * Creates the configured plugins, then the injector that wires them into a daemon.
     *
     * @throws dev.steward.api.config.InvalidConfigException listing every plugin's bad settings
     */
    static Injector createInjector(Bootstrapped bootstrapped, TimeSource time) {
        PrometheusMetrics metrics = new PrometheusMetrics();
        Plugins plugins = new PluginAssembly(bootstrapped, time, metrics).create();
        return Guice.createInjector(Stage.PRODUCTION, new StewardModule(bootstrapped, plugins, metrics, time));
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        binder().disableCircularProxies();
        bind(Bootstrapped.class).toInstance(bootstrapped);
        bind(StewardSettings.class).toInstance(bootstrapped.settings());
        bind(Plugins.class).toInstance(plugins);
        bind(ProxyBackend.class).toInstance(plugins.backend());
        bind(PortPolicy.class).toInstance(plugins.portPolicy());
        bind(PrometheusMetrics.class).toInstance(metrics);
        bind(Metrics.class).toInstance(metrics);
        bind(TimeSource.class).toInstance(time);
        bind(Daemon.class).in(Singleton.class);
        bind(StopRequests.class).toInstance(new StopRequests());
    }

    /** Built here, not by reflection, so that Guice reaches into no package but this one. */
    @Provides
    @Singleton
    ApplyScheduler applyScheduler() {
        return new ExecutorApplyScheduler();
    }

    @Provides
    @Singleton
    PortGate portGate(StewardSettings settings) {
        List<FleetView> sources = plugins.sources().stream().flatMap(source -> source.source().fleet().stream()).toList();
        return new PortGate(plugins.portPolicy(), plugins.backend(), settings.portGate(), sources, metrics);
    }

    @Provides
    @Singleton
    PortGateRefresher portGateRefresher(PortGate gate) {
        return new PortGateRefresher(gate, PORT_GATE_REFRESH);
    }

    @Provides
    @Singleton
    ReloadEngine engine(StewardSettings settings, ApplyScheduler scheduler, PortGate gate) {
        List<ApplyListener> listeners = new ArrayList<>();
        listeners.add(gate);
        for (NamedSource source : plugins.sources()) {
            listeners.add(state -> source.source().applied(state.revision()));
        }
        return new ReloadEngine(plugins.backend(), settings.coalesce(), scheduler, time, metrics, listeners,
                new FileAppliedStateStore(settings.dataDirectory().resolve("engine").resolve("applied-state.json")));
    }

    @Provides
    @Singleton
    ApiServer apiServer(StewardSettings settings, ReloadEngine engine, StopRequests stopRequests) {
        return new ApiServer(settings.api(), new ApiServices(settings.nodeId(), engine, plugins.backend(),
                plugins.portPolicy(), metrics, ContributedRoutes.of(bootstrapped.catalog(), plugins.sources()), stopRequests));
    }
}
