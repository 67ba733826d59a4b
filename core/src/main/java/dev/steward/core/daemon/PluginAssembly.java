package dev.steward.core.daemon;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.steward.api.BroadcastSource;
import dev.steward.api.BroadcastSourceProvider;
import dev.steward.api.PluginContext;
import dev.steward.api.PluginProvider;
import dev.steward.api.PortPolicy;
import dev.steward.api.PortPolicyProvider;
import dev.steward.api.ProxyBackend;
import dev.steward.api.ProxyBackendProvider;
import dev.steward.api.config.ConfigProblem;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.api.metrics.Metrics;
import dev.steward.api.time.TimeSource;
import dev.steward.core.config.PortGateScope;
import dev.steward.core.config.StewardSettings;
import dev.steward.core.plugin.PluginKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates the plugins the configuration names, each with its own settings subtree, and reports
 * every problem of every plugin at once.
 */
public final class PluginAssembly {
    private final Bootstrapped bootstrapped;
    private final TimeSource time;
    private final Metrics metrics;
    private final List<ConfigProblem> problems = new ArrayList<>();

    public PluginAssembly(Bootstrapped bootstrapped, TimeSource time, Metrics metrics) {
        this.bootstrapped = requireNonNull(bootstrapped, "bootstrapped is null");
        this.time = requireNonNull(time, "time is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /** @throws InvalidConfigException listing every unknown plugin name and bad plugin setting */
    public Plugins create() {
        StewardSettings settings = bootstrapped.settings();
        Optional<ProxyBackend> backend = create(PluginKind.PROXY_BACKEND, "proxy-backend", settings.proxyBackend(),
                ProxyBackendProvider.class);
        Optional<PortPolicy> portPolicy = create(PluginKind.PORT_POLICY, "port-policy", settings.portPolicy(),
                PortPolicyProvider.class);
        List<NamedSource> sources = new ArrayList<>();
        for (String name : settings.broadcastSources()) {
            Optional<BroadcastSource> source = create(PluginKind.BROADCAST_SOURCE, "broadcast-sources", name,
                    BroadcastSourceProvider.class);
            source.ifPresent(created -> sources.add(new NamedSource(name, created)));
        }
        requireFleetSource(settings, sources);
        if (backend.isPresent() && portPolicy.isPresent()) {
            PortHoldCheck.problem(portPolicy.get().holdLimit(),
                    settingsPath(PluginKind.PORT_POLICY, settings.portPolicy(), PortPolicyProvider.class),
                    backend.get().retirementBound(),
                    settingsPath(PluginKind.PROXY_BACKEND, settings.proxyBackend(), ProxyBackendProvider.class),
                    settings.coalesce().window(), bootstrapped.config().config()).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            backend.ifPresent(ProxyBackend::close);
            portPolicy.ifPresent(PortPolicy::close);
            sources.forEach(source -> source.source().close());
            throw new InvalidConfigException(problems);
        }
        return new Plugins(backend.orElseThrow(), portPolicy.orElseThrow(), sources);
    }

    /**
     * The fleet scope of the port gate needs a source that reports where the fleet settled. Not said
     * when a source could not be created: it may be the one, and its own problems are reported.
     */
    private void requireFleetSource(StewardSettings settings, List<NamedSource> sources) {
        boolean fleetKnown = sources.stream().anyMatch(source -> source.source().fleet().isPresent());
        if (settings.portGate() == PortGateScope.FLEET && !fleetKnown && sources.size() == settings.broadcastSources().size()) {
            problems.add(new ConfigProblem("steward.port-gate.scope", "fleet needs a broadcast source shared by a fleet"
                    + " of nodes, such as etcd; none of " + settings.broadcastSources() + " is one", ""));
        }
    }

    /** Only the proxy backend, for commands that render or check without running. */
    public ProxyBackend createBackend() {
        Optional<ProxyBackend> backend = create(PluginKind.PROXY_BACKEND, "proxy-backend",
                bootstrapped.settings().proxyBackend(), ProxyBackendProvider.class);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return backend.orElseThrow();
    }

    private <T, P extends PluginProvider<T>> Optional<T> create(PluginKind kind, String key, String name, Class<P> type) {
        Optional<P> provider = bootstrapped.catalog().provider(kind, name, type);
        if (provider.isEmpty()) {
            String found = bootstrapped.catalog().names(kind);
            problems.add(new ConfigProblem("steward." + key, "no " + kind.label() + " plugin named \"" + name
                    + "\" was found; found: " + (found.isEmpty() ? "none" : found)
                    + " (see `steward plugins`; plugin jars go into " + bootstrapped.settings().pluginsDirectory() + ")", ""));
            return Optional.empty();
        }
        try {
            return Optional.of(provider.get().create(context(provider.get(), name)));
        } catch (InvalidConfigException invalid) {
            problems.addAll(invalid.problems());
            return Optional.empty();
        }
    }

    private <P extends PluginProvider<?>> String settingsPath(PluginKind kind, String name, Class<P> type) {
        return bootstrapped.catalog().provider(kind, name, type).map(PluginAssembly::settingsPath).orElseThrow();
    }

    private static String settingsPath(PluginProvider<?> provider) {
        return "steward." + provider.settingsKey();
    }

    private PluginContext context(PluginProvider<?> provider, String name) {
        Config root = bootstrapped.config().config();
        String path = settingsPath(provider);
        Config subtree = root.hasPath(path) ? root.getConfig(path) : ConfigFactory.empty();
        Path dataDirectory = bootstrapped.settings().dataDirectory().resolve(name);
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot create the data directory " + dataDirectory + " for plugin " + name,
                    unwritable);
        }
        return new PluginContext(name, subtree, path, bootstrapped.settings().nodeId(), bootstrapped.config().home(),
                dataDirectory, time, metrics);
    }
}
