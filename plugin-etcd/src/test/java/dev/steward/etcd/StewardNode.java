package dev.steward.etcd;

import dev.steward.api.PluginProvider;
import dev.steward.api.PortPolicy;
import dev.steward.api.config.Settings;
import dev.steward.api.time.TimeSource;
import dev.steward.core.config.ConfigLoader;
import dev.steward.core.config.LoadedConfig;
import dev.steward.core.config.ReferenceConfig;
import dev.steward.core.config.StewardSettings;
import dev.steward.core.config.StewardSettingsReader;
import dev.steward.core.daemon.Bootstrap;
import dev.steward.core.daemon.Bootstrapped;
import dev.steward.core.daemon.Daemon;
import dev.steward.core.daemon.DaemonHandle;
import dev.steward.core.engine.EngineStatus;
import dev.steward.core.plugin.DiscoveredPlugin;
import dev.steward.core.plugin.PluginCatalog;
import dev.steward.core.plugin.PluginKind;
import dev.steward.haproxy.HaproxyBackendProvider;
import dev.steward.portquarantine.QuarantinePortPolicyProvider;
import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One proxy node in this JVM: core's daemon as {@code steward run} wires it (configuration with
 * unknown-key checks, plugin assembly, Guice, life cycle), with the real HAProxy backend, the
 * quarantine policy and the etcd source. Only plugin discovery differs: on the tests' class path the
 * providers are handed over directly (the process tests cover discovery from lib/).
 */
final class StewardNode implements AutoCloseable {
    private final String id;
    private final int proxyPort;
    private final DaemonHandle handle;
    private final Daemon daemon;

    private StewardNode(String id, int proxyPort, DaemonHandle handle) {
        this.id = id;
        this.proxyPort = proxyPort;
        this.handle = handle;
        this.daemon = handle.daemon();
    }

    /**
     * Starts a node whose etcd source reaches etcd at {@code endpoint}.
     *
     * @param overrides more of {@code steward { ... }}, such as a slower coalescing window
     */
    static StewardNode start(Path home, String id, URI endpoint, String overrides) {
        int proxyPort = FreePort.pick();
        Path conf = write(home.resolve("conf/steward.conf"), """
                steward {
                  node-id = "%s"
                  broadcast-sources = [etcd]
                  coalesce.window = 20ms
                  api.bind = "127.0.0.1:0"
                  port-gate.scope = fleet
                  haproxy.bind = "127.0.0.1:%d"
                  port-quarantine { window = 1ms, range = "%s" }
                  sources.etcd {
                    endpoints = ["%s"]
                    prefix = "%s"
                    %s
                  }
                  %s
                }
                """.formatted(id, proxyPort, FreePort.rangeSetting(10), endpoint, TestSources.PREFIX,
                        TestSources.SHORT_TIMINGS, overrides));
        List<PluginProvider<?>> providers = List.of(new HaproxyBackendProvider(), new QuarantinePortPolicyProvider(),
                new EtcdSourceProvider());
        List<PluginKind> kinds = List.of(PluginKind.PROXY_BACKEND, PluginKind.PORT_POLICY, PluginKind.BROADCAST_SOURCE);
        List<DiscoveredPlugin> plugins = new ArrayList<>();
        List<ReferenceConfig> references = new ArrayList<>(List.of(new ReferenceConfig("core", References.of(Bootstrap.class))));
        for (int i = 0; i < providers.size(); i++) {
            PluginProvider<?> provider = providers.get(i);
            references.add(new ReferenceConfig(provider.name(), References.of(provider.getClass())));
            plugins.add(new DiscoveredPlugin(provider.name(), kinds.get(i), provider.getClass().getPackageName(), "test", "test",
                    provider, Optional.of(references.getLast().config())));
        }
        LoadedConfig loaded = ConfigLoader.load(home, conf, true, references);
        Settings settings = Settings.of(loaded.config().getConfig("steward"), "steward");
        StewardSettings stewardSettings = StewardSettingsReader.read(settings, home);
        if (!loaded.unknownKeys().isEmpty()) {
            throw new IllegalArgumentException("unknown keys: " + loaded.unknownKeys());
        }
        settings.validate();
        Bootstrapped bootstrapped = new Bootstrapped(loaded, new PluginCatalog(plugins, List.of(), List.of()), stewardSettings);
        StewardNode node = new StewardNode(id, proxyPort, DaemonHandle.create(bootstrapped, TimeSource.system()));
        node.daemon.start();
        return node;
    }

    String id() {
        return id;
    }

    EngineStatus status() {
        return handle.engine().status();
    }

    PortPolicy ports() {
        return handle.portPolicy();
    }

    String metrics() {
        return handle.metrics().scrape();
    }

    /** The body HAProxy answers for {@code path}, or why there is none. */
    String get(String path) {
        return HttpProbe.get(proxyPort, path);
    }

    @Override
    public void close() {
        daemon.stop();
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
