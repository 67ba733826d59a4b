package dev.steward.bench.proving;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.HealthCheck;
import dev.steward.bench.haproxy.Probe;
import dev.steward.testkit.FreePort;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code kill -9} of the serving HAProxy under load: how long until a request is answered again (by
 * the right deployment), and what the clients saw meanwhile; then a second load checks that what is
 * served again is served whole. Steward's supervisor restarts HAProxy on the last configuration
 * that served.
 */
final class CrashScenario implements Scenario<CrashScenario.Result> {
    private static final List<String> DEPLOYMENTS = List.of("alpha", "beta");
    private static final int REPLICAS = 2;
    /** Between two probes after the kill: the resolution of the recovery time, and no busy loop. */
    private static final Duration PROBE_PAUSE = Duration.ofMillis(2);
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);

    private final Settings settings;

    CrashScenario(Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * @param connections the load's concurrent connections
     * @param beforeKill load before the kill
     * @param afterKill load after the kill
     * @param verify the second load, once the first has ended
     */
    record Settings(int connections, Duration beforeKill, Duration afterKill, Duration verify) {
        static final Settings FULL = new Settings(32, Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(3));
        static final Settings QUICK = new Settings(8, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    /**
     * @param load the load across the kill
     * @param servingAgain from the kill to the first answer from the right deployment
     * @param restarts restarts the proxy backend counted
     * @param after the second load
     */
    record Result(LoadResult load, Duration servingAgain, long restarts, LoadResult after) implements Measured {
        @Override
        public List<Measure> measures() {
            return List.of(
                    Measure.millis("serving again after", servingAgain.toNanos() / 1e6),
                    Measure.count("errors", load.report().errors()),
                    Measure.count("misroutes", load.report().misroutes()),
                    Measure.count("restarts", restarts),
                    Measure.count("errors after", after.report().errors() + after.report().misroutes()));
        }
    }

    @Override
    public String name() {
        return "crash";
    }

    @Override
    public String setup() {
        return String.format(Locale.ROOT, "kill -9 of HAProxy after %d s of load, %d connections on 2 groups, %d s more; then"
                        + " %d s of load again (errors after: its errors and misroutes)", settings.beforeKill().toSeconds(),
                settings.connections(), settings.afterKill().toSeconds(), settings.verify().toSeconds());
    }

    @Override
    public Result run(Variant variant) {
        try (StewardNode node = StewardNode.start(variant, FreePort.rangeSetting(DEPLOYMENTS.size() * REPLICAS + 4), List.of());
                Fleet fleet = new Fleet(node, DEPLOYMENTS, HealthCheck.DEFAULT)) {
            fleet.launchEach(REPLICAS);
            fleet.publishAndAwait();
            long restartsBefore = node.backend().status().restarts();
            try (CheckedLoad load = Loads.start(node.proxy(), fleet.deploymentByRoute(), settings.connections(),
                    settings.beforeKill().plus(settings.afterKill()))) {
                LockSupport.parkNanos(settings.beforeKill().toNanos());
                long pid = node.backend().status().pid().orElseThrow(() -> new IllegalStateException("HAProxy is not running"));
                long killed = System.nanoTime();
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                Duration servingAgain = awaitServing(node, DEPLOYMENTS.getFirst(), killed);
                LoadResult result = load.awaitEnd();
                long restarts = node.backend().status().restarts() - restartsBefore;
                try (CheckedLoad after = Loads.start(node.proxy(), fleet.deploymentByRoute(), settings.connections(),
                        settings.verify())) {
                    return new Result(result, servingAgain, restarts, after.awaitEnd());
                }
            }
        }
    }

    private static Duration awaitServing(StewardNode node, String deployment, long killed) {
        Probe probe = new Probe(node.proxy().getPort());
        String expected = deployment + " ";
        while (System.nanoTime() - killed < RECOVERY_BOUND.toNanos()) {
            Optional<String> body = probe.get(Fleet.route(deployment));
            if (body.isPresent() && body.get().startsWith(expected)) {
                return Duration.ofNanos(System.nanoTime() - killed);
            }
            LockSupport.parkNanos(PROBE_PAUSE.toNanos());
        }
        throw new IllegalStateException("HAProxy served no request within " + RECOVERY_BOUND.toSeconds() + " s of its kill");
    }
}
