package dev.steward.haproxy;

import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.haproxy.settings.RuntimePaths;
import dev.steward.loopback.LoadLoop;
import dev.steward.loopback.Replica;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the HAProxy tests start, each stopped by {@link #close()} in reverse order, also when the test
 * failed: backends (with their HAProxy processes), replicas, load loops.
 */
final class TestRig implements AutoCloseable {
    private final Path dataDirectory;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<HaproxyBackend, RecordingMetrics> metrics = new IdentityHashMap<>();
    /** Its own threads: the common pool may have a single worker on a small machine, and requests here block. */
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    TestRig(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    ExecutorService background() {
        return background;
    }

    /** A started backend whose frontend listens on {@code port}, with the test settings and {@code overrides}. */
    HaproxyBackend backend(int port, Map<String, ?> overrides) {
        HaproxyBackend backend = unstartedBackend(port, overrides);
        backend.start();
        return backend;
    }

    /** A backend as {@link #backend(int, Map)} makes it, before its start: for a test of what the start does. */
    HaproxyBackend unstartedBackend(int port, Map<String, ?> overrides) {
        RecordingMetrics recording = new RecordingMetrics();
        HaproxyBackend backend = new HaproxyBackend(TestSettings.forTest(port, overrides), RuntimePaths.under(dataDirectory),
                dataDirectory, TimeSource.system(), recording);
        started.add(backend);
        metrics.put(backend, recording);
        return backend;
    }

    HaproxyBackend backend(int port) {
        return backend(port, Map.of());
    }

    RecordingMetrics metrics(HaproxyBackend backend) {
        return metrics.get(backend);
    }

    Replica replica(String id, Replica.Behaviour behaviour) {
        return register(Replica.named(id).behaviour(behaviour).start());
    }

    /** A replica that answers with its id. */
    Replica replica(String id) {
        return register(Replica.start(id));
    }

    /** A replica that holds every answer until released. */
    Replica holdingReplica(String id) {
        return register(Replica.holding(id));
    }

    /** A replica whose health endpoint ({@link Replica#HEALTH_PATH}) passes or fails as told. */
    Replica checkedReplica(String id, boolean healthy) {
        return register(Replica.named(id).healthCheck(healthy).start());
    }

    /** Requests back to back on each connection: as fast as the machine allows. */
    LoadLoop load(int port, String path, int connections) {
        return register(LoadLoop.to(port).path(path).connections(connections).start());
    }

    /** A pause after each response on each connection: load that leaves the machine room for what the test watches. */
    LoadLoop pacedLoad(int port, String path, int connections, Duration pause) {
        return register(LoadLoop.to(port).path(path).connections(connections).pause(pause).start());
    }

    <T extends AutoCloseable> T register(T resource) {
        started.add(resource);
        return resource;
    }

    RuntimeApi runtimeApi() {
        return new RuntimeApi(dataDirectory.resolve("run/admin.sock"), Duration.ofSeconds(2), TimeSource.system());
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (AutoCloseable resource : started.reversed()) {
            try {
                resource.close();
            } catch (Exception problem) {
                first = first == null ? problem : first;
            }
        }
        background.shutdownNow();
        if (first != null) {
            throw first;
        }
    }

    static TargetGroup group(String name, String prefix, Replica... replicas) {
        return new TargetGroup(name, prefix, Arrays.stream(replicas).map(Replica::target).toList());
    }

    static RoutingState state(long revision, List<TargetGroup> groups, List<Target> fallback) {
        return new RoutingState(revision, new TargetGroups(groups), new FallbackTargets(fallback));
    }

    static RoutingState state(long revision, List<TargetGroup> groups) {
        return state(revision, groups, List.of());
    }

    static RoutingState state(long revision, TargetGroup... groups) {
        return state(revision, List.of(groups), List.of());
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
