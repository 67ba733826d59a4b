package dev.steward.bench.proving;

import static java.util.Objects.requireNonNull;

import dev.steward.api.PortPolicy;
import dev.steward.api.ProxyBackend;
import dev.steward.api.model.Broadcast;
import dev.steward.api.time.TimeSource;
import dev.steward.core.daemon.Bootstrap;
import dev.steward.core.daemon.Daemon;
import dev.steward.core.daemon.DaemonHandle;
import dev.steward.core.engine.EngineStatus;
import dev.steward.core.engine.ReloadEngine;
import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The whole daemon as {@code steward run} assembles it from a steward.conf, with the plugins found
 * through ServiceLoader, its own HAProxy on a free port and everything under a temporary home that
 * {@link #close()} removes. The scenario is its controller: it hands broadcasts to the engine and
 * asks the port policy for replica ports, in process.
 */
final class StewardNode implements AutoCloseable {
    /** The replica node all of a scenario's replicas lease their ports on. */
    static final String REPLICA_NODE = "bench-node";
    /** Settings for every run, {@code ;}-separated, before the variant's: for trying how a result depends on one. */
    static final String EXTRA_SETTINGS = "steward.bench.settings";
    private static final String CONTROLLER = "bench";
    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(1);

    private final Path home;
    private final Daemon daemon;
    private final ReloadEngine engine;
    private final PortPolicy ports;
    private final ProxyBackend backend;

    private StewardNode(Path home, DaemonHandle handle) {
        this.home = home;
        this.daemon = handle.daemon();
        this.engine = handle.engine();
        this.ports = handle.portPolicy();
        this.backend = handle.backend();
    }

    /**
     * Starts Steward with the scenario's settings, then those of {@value #EXTRA_SETTINGS}, then the
     * variant's (which come last, so that nothing undoes a baseline), and waits until HAProxy serves
     * the empty first state.
     *
     * @param portRange the replica ports the policy hands out, {@code "low-high"}
     * @param settings lines of steward.conf, keys relative to {@code steward}
     */
    static StewardNode start(Variant variant, String portRange, List<String> settings) {
        requireNonNull(variant, "variant is null");
        requireNonNull(portRange, "portRange is null");
        requireNonNull(settings, "settings is null");
        List<String> lines = new ArrayList<>(List.of(
                "broadcast-sources = []",
                "api.bind = \"127.0.0.1:0\"",
                "haproxy.bind = \"127.0.0.1:" + FreePort.pick() + "\"",
                "port-quarantine.range = \"" + portRange + "\""));
        lines.addAll(settings);
        Arrays.stream(System.getProperty(EXTRA_SETTINGS, "").split(";")).filter(line -> !line.isBlank()).forEach(lines::add);
        lines.addAll(variant.settings());
        Path home = TemporaryHome.create("steward-proving-");
        StewardNode node;
        try {
            Path conf = Files.createDirectories(home.resolve("conf")).resolve("steward.conf");
            Files.writeString(conf, "steward {\n  " + String.join("\n  ", lines) + "\n}\n");
            node = new StewardNode(home, DaemonHandle.create(Bootstrap.load(home, conf, true), TimeSource.system()));
        } catch (IOException failure) {
            TemporaryHome.delete(home);
            throw new UncheckedIOException(failure);
        } catch (RuntimeException failure) {
            TemporaryHome.delete(home);
            throw failure;
        }
        try {
            node.daemon.start();
            node.awaitApplied(node.engine.state().revision());
            return node;
        } catch (RuntimeException failure) {
            node.close();
            throw failure;
        }
    }

    /** Hands broadcasts to the engine as a source would; returns the revision accepted. */
    long accept(Broadcast... broadcasts) {
        return engine.accept(CONTROLLER, List.of(broadcasts));
    }

    void awaitApplied(long revision) {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (engine.status().appliedRevision().orElse(-1L) < revision) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("revision " + revision + " not served within " + CONVERGE.toSeconds() + " s: "
                        + engine.status().lastError().orElse("no apply failed"));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    EngineStatus status() {
        return engine.status();
    }

    long revision() {
        return engine.state().revision();
    }

    PortPolicy ports() {
        return ports;
    }

    ProxyBackend backend() {
        return backend;
    }

    URI proxy() {
        return backend.status().frontend().orElseThrow(() -> new IllegalStateException(backend.describe() + " names no frontend"));
    }

    /** HAProxy's admin socket, where the HAProxy plugin keeps it under its data directory. */
    Path adminSocket() {
        return home.resolve("data/haproxy/run/admin.sock");
    }

    /** Stops Steward, which stops HAProxy and waits for its old processes, then removes the home. */
    @Override
    public void close() {
        try {
            daemon.stop();
        } finally {
            TemporaryHome.delete(home);
        }
    }
}
