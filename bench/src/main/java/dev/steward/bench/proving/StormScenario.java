package dev.steward.bench.proving;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.Broadcast;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.bench.haproxy.Probe;
import dev.steward.core.engine.EngineStatus;
import dev.steward.loopback.Replica;
import dev.steward.testkit.FreePort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Bursts of broadcasts as a controller sends them under autoscaling: target groups and fallback
 * targets alternating tens of milliseconds apart, each a full snapshot with different targets, then
 * a pause. Counts applies and reloads per burst, checks the traffic throughout, and at the end asks
 * every route which replicas serve it: only those of the last state may.
 */
final class StormScenario implements Scenario<StormScenario.Result> {
    private static final List<String> DEPLOYMENTS = List.of("red", "blue");
    private static final String FALLBACK = "fallback";
    /** A group without targets: the fallback targets serve its route. */
    private static final String SPARE = "spare";
    private static final int POOL = 4;
    private static final int CHOSEN = 2;
    /** HAProxy's largest weight is 256. */
    private static final int MAX_WEIGHT = 256;
    private static final int PROBES_PER_ROUTE = 12;

    private final Settings settings;

    StormScenario(Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * @param bursts how many bursts
     * @param broadcasts broadcasts in each burst, target groups and fallback targets in turn
     * @param gap between two broadcasts of a burst
     * @param pause between bursts
     * @param connections the checking load's concurrent connections
     */
    record Settings(int bursts, int broadcasts, Duration gap, Duration pause, int connections) {
        static final Settings FULL = new Settings(20, 8, Duration.ofMillis(30), Duration.ofMillis(700), 8);
        static final Settings QUICK = new Settings(5, 6, Duration.ofMillis(30), Duration.ofMillis(500), 6);

        Duration duration() {
            return gap.multipliedBy(broadcasts).plus(pause).multipliedBy(bursts);
        }
    }

    /**
     * @param bursts bursts sent
     * @param applies applies over all bursts, by runtime update or reload
     * @param finalStateServed every route answered only from the targets of the last state
     */
    record Result(LoadResult load, int bursts, long applies, long reloads, boolean finalStateServed) implements Measured {
        @Override
        public List<Measure> measures() {
            return List.of(
                    new Measure("applies per burst", (double) applies / bursts, Measure.Kind.COUNT),
                    new Measure("reloads per burst", (double) reloads / bursts, Measure.Kind.COUNT),
                    Measure.flag("final state served", finalStateServed),
                    Measure.count("errors", load.report().errors()),
                    Measure.count("misroutes", load.report().misroutes()));
        }
    }

    @Override
    public String name() {
        return "storm";
    }

    @Override
    public String setup() {
        return String.format(Locale.ROOT, "%d bursts of %d broadcasts %d ms apart (target groups and fallback targets in turn),"
                        + " %d ms between bursts; 2 groups, a fallback-served route, %d connections",
                settings.bursts(), settings.broadcasts(), settings.gap().toMillis(), settings.pause().toMillis(),
                settings.connections());
    }

    @Override
    public Result run(Variant variant) {
        List<String> deployments = new ArrayList<>(DEPLOYMENTS);
        deployments.add(FALLBACK);
        try (StewardNode node = StewardNode.start(variant, FreePort.rangeSetting(3 * POOL + 8), List.of());
                Fleet fleet = new Fleet(node, deployments, HealthCheck.DEFAULT)) {
            fleet.launchEach(POOL);
            Storm storm = new Storm(fleet);
            node.awaitApplied(node.accept(storm.groups(0), storm.fallback(0)));
            Map<String, String> routes = new LinkedHashMap<>();
            DEPLOYMENTS.forEach(deployment -> routes.put(Fleet.route(deployment), deployment));
            routes.put(Fleet.route(SPARE), FALLBACK);
            EngineStatus before = node.status();
            try (CheckedLoad load = Loads.start(node.proxy(), routes, settings.connections(), settings.duration())) {
                long revision = 0;
                int sent = 0;
                for (int burst = 0; burst < settings.bursts(); burst++) {
                    for (int i = 0; i < settings.broadcasts(); i++) {
                        sent++;
                        Broadcast broadcast = i % 2 == 0 ? storm.groups(sent) : storm.fallback(sent);
                        revision = node.accept(broadcast);
                        LockSupport.parkNanos(settings.gap().toNanos());
                    }
                    LockSupport.parkNanos(settings.pause().toNanos());
                }
                node.awaitApplied(revision);
                EngineStatus after = node.status();
                boolean served = servesOnly(node, storm.lastTargets(), routes);
                LoadResult result = load.awaitEnd();
                long reloads = after.reloads() - before.reloads();
                return new Result(result, settings.bursts(), reloads + after.runtimeUpdates() - before.runtimeUpdates(), reloads,
                        served);
            }
        }
    }

    /** Whether every probe of every route is answered by one of the route's targets in the last state. */
    private static boolean servesOnly(StewardNode node, Map<String, List<Target>> targets, Map<String, String> routes) {
        Probe probe = new Probe(node.proxy().getPort());
        for (String route : routes.keySet()) {
            List<String> allowed = targets.get(route).stream()
                    .map(target -> Replica.bodyOf(routes.get(route), target.replicaId()))
                    .toList();
            for (int i = 0; i < PROBES_PER_ROUTE; i++) {
                Optional<String> body = probe.get(route);
                if (body.isEmpty() || !allowed.contains(body.get())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The broadcasts of the storm: the n-th picks another pair of each pool and gives the first of
     * them weight n, so that no broadcast repeats a state served before and every apply has work.
     */
    private static final class Storm {
        private final Map<String, List<Target>> pools = new LinkedHashMap<>();
        private final Map<String, List<Target>> last = new LinkedHashMap<>();

        Storm(Fleet fleet) {
            List<String> all = new ArrayList<>(DEPLOYMENTS);
            all.add(FALLBACK);
            for (String deployment : all) {
                pools.put(deployment, fleet.replicas(deployment).stream()
                        .map(Replica::target)
                        .toList());
            }
        }

        TargetGroups groups(int n) {
            List<TargetGroup> groups = new ArrayList<>();
            for (String deployment : DEPLOYMENTS) {
                List<Target> chosen = pick(deployment, n);
                last.put(Fleet.route(deployment), chosen);
                groups.add(new TargetGroup(deployment, Fleet.route(deployment), chosen));
            }
            groups.add(new TargetGroup(SPARE, Fleet.route(SPARE), List.of()));
            return new TargetGroups(groups);
        }

        FallbackTargets fallback(int n) {
            List<Target> chosen = pick(FALLBACK, n);
            last.put(Fleet.route(SPARE), chosen);
            return new FallbackTargets(chosen);
        }

        /** The targets each route had in the newest broadcasts. */
        Map<String, List<Target>> lastTargets() {
            return Map.copyOf(last);
        }

        private List<Target> pick(String deployment, int n) {
            List<Target> pool = pools.get(deployment);
            List<Target> chosen = new ArrayList<>();
            for (int i = 0; i < CHOSEN; i++) {
                Target target = pool.get((n + i) % pool.size());
                chosen.add(i == 0 ? new Target(target.host(), target.port(), target.replicaId(), 1 + n % MAX_WEIGHT) : target);
            }
            return chosen;
        }
    }
}
