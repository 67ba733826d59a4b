package dev.steward.bench.haproxy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.steward.api.PluginContext;
import dev.steward.api.ProxyBackend;
import dev.steward.api.ProxyBackendProvider;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.api.time.TimeSource;
import dev.steward.bench.engine.MemoryStore;
import dev.steward.core.config.CoalesceSettings;
import dev.steward.core.engine.EngineStatus;
import dev.steward.core.engine.ExecutorApplyScheduler;
import dev.steward.core.engine.ReloadEngine;
import dev.steward.core.metrics.PrometheusMetrics;
import dev.steward.loopback.Replica;
import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A real HAProxy behind the real engine, found through {@link ServiceLoader} as core finds it, with
 * replicas on loopback; everything under a temporary directory that {@link #close} removes.
 */
final class Rig implements AutoCloseable {
    private static final Duration CONVERGENCE_DEADLINE = Duration.ofSeconds(30);

    private final Path home;
    private final int port;
    private final ProxyBackend backend;
    private final ReloadEngine engine;
    private final List<Replica> replicas = new ArrayList<>();

    Rig(Duration window, int replicaCount) throws IOException {
        home = Files.createTempDirectory("steward-bench-");
        port = FreePort.pick();
        for (int i = 0; i < replicaCount; i++) {
            replicas.add(Replica.start("replica-" + i));
        }
        ProxyBackendProvider provider = ServiceLoader.load(ProxyBackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.name().equals("haproxy"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no haproxy backend on the module path; run through scripts/scenario"));
        Path data = Files.createDirectories(home.resolve("data/haproxy"));
        Config overrides = ConfigFactory.parseMap(Map.of(
                "steward.haproxy.bind", "127.0.0.1:" + port,
                "steward.haproxy.hard-stop-after", "30s",
                "steward.haproxy.close-spread-time", "1s"));
        Config settings = overrides.withFallback(reference(provider)).resolve().getConfig("steward.haproxy");
        PrometheusMetrics metrics = new PrometheusMetrics();
        backend = provider.create(new PluginContext("haproxy", settings, "steward.haproxy", "bench", home, data,
                TimeSource.system(), metrics));
        backend.start();
        engine = new ReloadEngine(backend, new CoalesceSettings(window, 3, Duration.ofSeconds(1), Duration.ofSeconds(30)),
                new ExecutorApplyScheduler(), TimeSource.system(), metrics, List.of(), new MemoryStore());
    }

    /** Applies {@code groups} first and waits until HAProxy serves them. */
    void start(List<TargetGroup> groups) {
        long revision = engine.accept("bench", List.of(new TargetGroups(groups)));
        engine.start();
        awaitApplied(revision);
    }

    long accept(List<TargetGroup> groups) {
        return engine.accept("bench", List.of(new TargetGroups(groups)));
    }

    void awaitApplied(long revision) {
        long deadline = System.nanoTime() + CONVERGENCE_DEADLINE.toNanos();
        while (engine.status().appliedRevision().orElse(-1L) < revision) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("revision " + revision + " not applied: " + engine.status().lastError().orElse("no error"));
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }

    EngineStatus status() {
        return engine.status();
    }

    Probe probe() {
        return new Probe(port);
    }

    List<Replica> replicas() {
        return replicas;
    }

    String describe() {
        return backend.describe();
    }

    @Override
    public void close() throws IOException {
        engine.stop();
        backend.close();
        replicas.forEach(Replica::close);
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static Config reference(ProxyBackendProvider provider) throws IOException {
        try (InputStream stream = provider.getClass().getModule().getResourceAsStream("reference.conf")) {
            if (stream == null) {
                throw new IllegalStateException("the haproxy plugin has no reference.conf");
            }
            return ConfigFactory.parseReader(new InputStreamReader(stream, StandardCharsets.UTF_8), ConfigParseOptions.defaults());
        }
    }
}
