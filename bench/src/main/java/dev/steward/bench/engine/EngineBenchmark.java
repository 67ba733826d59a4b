package dev.steward.bench.engine;

import dev.steward.api.metrics.Metrics;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.api.time.TimeSource;
import dev.steward.core.config.CoalesceSettings;
import dev.steward.core.engine.AppliedStateStore;
import dev.steward.core.engine.ExecutorApplyScheduler;
import dev.steward.core.engine.FileAppliedStateStore;
import dev.steward.core.engine.ReloadEngine;
import dev.steward.core.metrics.PrometheusMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine's cost per accepted broadcast: what a source pays to hand over a snapshot while the
 * engine coalesces and applies in the background (the backend counts applies and does nothing else).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineBenchmark {
    @Param({"0", "100"})
    public int windowMillis;

    @Param({"10"})
    public int groups;

    /**
     * {@code memory} measures the engine alone; {@code file} adds what the daemon's store costs: a
     * durable write per reservation of revisions and per applied state.
     */
    @Param({"memory", "file"})
    public String store;

    private final List<List<Broadcast>> broadcasts = new ArrayList<>();
    private ReloadEngine engine;
    private CountingBackend backend;
    private int next;
    private Optional<Path> storeDirectory = Optional.empty();

    @Setup(Level.Trial)
    public void start() {
        for (int variant = 0; variant < 64; variant++) {
            List<TargetGroup> list = new ArrayList<>();
            for (int group = 0; group < groups; group++) {
                list.add(new TargetGroup("g" + group, "/g" + group,
                        List.of(new Target("127.0.0.1", 20000 + variant, "r" + variant))));
            }
            broadcasts.add(List.of(new TargetGroups(list)));
        }
        backend = new CountingBackend();
        Metrics metrics = new PrometheusMetrics();
        engine = new ReloadEngine(backend,
                new CoalesceSettings(Duration.ofMillis(windowMillis), 3, Duration.ofSeconds(1), Duration.ofSeconds(30)),
                new ExecutorApplyScheduler(), TimeSource.system(), metrics, List.of(), store());
        engine.start();
    }

    private AppliedStateStore store() {
        if (store.equals("memory")) {
            return new MemoryStore();
        }
        try {
            Path directory = Files.createTempDirectory("steward-engine-bench");
            storeDirectory = Optional.of(directory);
            return new FileAppliedStateStore(directory.resolve("applied-state.json"));
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        engine.stop();
        System.out.printf("%n[window %d ms, %s store] broadcasts accepted: %d, applies: %d%n", windowMillis, store,
                engine.status().accepted(), backend.applies());
        storeDirectory.ifPresent(EngineBenchmark::delete);
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException undeletable) {
            throw new UncheckedIOException(undeletable);
        }
    }

    @Benchmark
    public long accept() {
        next = (next + 1) & 63;
        return engine.accept("bench", broadcasts.get(next));
    }
}
