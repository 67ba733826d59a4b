package dev.steward.bench.proving;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.HealthCheck;
import dev.steward.bench.haproxy.Samples;
import dev.steward.core.engine.EngineStatus;
import dev.steward.loopback.Replica;
import dev.steward.testkit.FreePort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Replicas replaced continuously under load: at a steady rate a new replica of one group starts on
 * a leased port and is routed in place of the group's oldest, which dies {@code grace} later (zero:
 * at the moment its removal is broadcast, before any proxy can know). Every few replacements a
 * routed replica restarts in place instead, without a broadcast. Half the new replicas answer
 * slowly, so that requests are in flight when their replica dies.
 */
final class ChurnScenario implements Scenario<ChurnScenario.Result> {
    /** How long quarantined ports stay out of the pool, with a margin: the port range must hold them all. */
    private static final Duration QUARANTINE_ALLOWANCE = Duration.ofSeconds(12);
    private static final Duration LAUNCH_PATIENCE = Duration.ofSeconds(30);
    private static final int RESTART_EVERY = 5;

    private final Settings settings;

    ChurnScenario(Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * @param groups how many groups (deployments) churn
     * @param replicas the replicas each group keeps
     * @param replaceEvery one replacement (or restart) this often, the groups in turn
     * @param grace how long a replaced replica lives on after its removal is broadcast
     * @param slow how long the slow half of the replicas takes to answer
     * @param connections the load's concurrent connections
     * @param duration how long the load runs; the churn stops a little before
     */
    record Settings(int groups, int replicas, Duration replaceEvery, Duration grace, Duration slow, int connections,
            Duration duration) {
        static final Settings FULL = new Settings(4, 3, Duration.ofMillis(250), Duration.ZERO, Duration.ofMillis(20), 32,
                Duration.ofSeconds(30));
        static final Settings QUICK = new Settings(3, 2, Duration.ofMillis(200), Duration.ZERO, Duration.ofMillis(20), 12,
                Duration.ofSeconds(5));
    }

    /**
     * @param replacements replicas replaced (each one broadcast)
     * @param restarts replicas restarted in place (no broadcast)
     * @param convergence from each broadcast accepted to the proxy serving it
     */
    record Result(LoadResult load, long replacements, long restarts, long reloads, long runtimeUpdates, Samples convergence)
            implements Measured {
        @Override
        public List<Measure> measures() {
            return List.of(
                    Measure.count("errors", load.report().errors()),
                    Measure.count("misroutes", load.report().misroutes()),
                    Measure.count("reloads", reloads),
                    Measure.count("runtime updates", runtimeUpdates),
                    Measure.millis("convergence p50", convergence.millis(50)),
                    Measure.millis("convergence p99", convergence.millis(99)),
                    Measure.rate("throughput", load.perSecond()));
        }
    }

    @Override
    public String name() {
        return "churn";
    }

    @Override
    public String setup() {
        return String.format(Locale.ROOT, "%d groups of %d replicas; one replaced every %d ms (dying %d ms after its removal is"
                        + " broadcast; every %dth turn a restart in place instead); %d connections for %d s",
                settings.groups(), settings.replicas(), settings.replaceEvery().toMillis(), settings.grace().toMillis(),
                RESTART_EVERY, settings.connections(), settings.duration().toSeconds());
    }

    @Override
    public Result run(Variant variant) {
        List<String> deployments = new ArrayList<>();
        for (int group = 0; group < settings.groups(); group++) {
            deployments.add("churn" + group);
        }
        int live = settings.groups() * settings.replicas();
        int quarantined = (int) (QUARANTINE_ALLOWANCE.toNanos() / settings.replaceEvery().toNanos());
        try (StewardNode node = StewardNode.start(variant, FreePort.rangeSetting(live + 2 * quarantined + 16), List.of());
                Fleet fleet = new Fleet(node, deployments, HealthCheck.DEFAULT)) {
            fleet.launchEach(settings.replicas());
            fleet.publishAndAwait();
            EngineStatus before = node.status();
            try (ConvergenceWatch convergence = new ConvergenceWatch(node);
                    CheckedLoad load = Loads.start(node.proxy(), fleet.deploymentByRoute(), settings.connections(),
                            settings.duration())) {
                long churnEnds = System.nanoTime() + settings.duration().minus(settings.replaceEvery().multipliedBy(2)).toNanos();
                long next = System.nanoTime();
                int turn = 0;
                long restarts = 0;
                while (next < churnEnds) {
                    String deployment = deployments.get(turn % deployments.size());
                    if (++turn % RESTART_EVERY == 0) {
                        fleet.restart(deployment, 0);
                        restarts++;
                    } else {
                        replace(fleet, convergence, deployment, turn);
                    }
                    next += settings.replaceEvery().toNanos();
                    LockSupport.parkNanos(next - System.nanoTime());
                }
                LoadResult result = load.awaitEnd();
                node.awaitApplied(node.revision());
                EngineStatus after = node.status();
                return new Result(result, turn - restarts, restarts, after.reloads() - before.reloads(),
                        after.runtimeUpdates() - before.runtimeUpdates(), convergence.samples());
            }
        }
    }

    private void replace(Fleet fleet, ConvergenceWatch convergence, String deployment, int turn) {
        Replica added = fleet.launch(deployment, LAUNCH_PATIENCE);
        if (turn % 2 == 0) {
            added.slowDown(settings.slow());
        }
        Replica leaving = fleet.unroute(deployment, 0);
        long accepted = System.nanoTime();
        convergence.accepted(fleet.publish(), accepted);
        fleet.stopLater(leaving, settings.grace());
    }
}
