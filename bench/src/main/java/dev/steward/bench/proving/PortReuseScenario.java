package dev.steward.bench.proving;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.HealthCheck;
import dev.steward.api.ports.PortsExhaustedException;
import dev.steward.loopback.Replica;
import dev.steward.testkit.FreePort;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The port-reuse race under load: in turn, a replica of one deployment is unrouted, drains for a
 * moment and stops, its port going straight back to the policy, and a replica of the other
 * deployment asks for a port at once and is routed. The range holds no spare port, so each turn
 * hands the released port to the other deployment as soon as the policy lets it go; health checks
 * are fast, so HAProxy finds the new replica healthy on it within half a second. Nothing waits for
 * the proxy but the policy. An answer from the wrong deployment is a misroute.
 */
final class PortReuseScenario implements Scenario<PortReuseScenario.Result> {
    private static final List<String> DEPLOYMENTS = List.of("a", "b");
    /** Checks every 500 ms, one success marks a replica up: a new replica on a reused port is up within half a second. */
    private static final HealthCheck FAST_CHECK = new HealthCheck(Optional.empty(), Duration.ofMillis(500), 1, 2);
    /** Between turns: the controller's pace when ports are free at once. */
    private static final Duration PAUSE = Duration.ofMillis(100);
    /** How long an unrouted replica keeps serving before it stops: its graceful shutdown. */
    private static final Duration DRAIN = Duration.ofMillis(500);

    private final Settings settings;

    PortReuseScenario(Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * @param replicas the replicas each deployment starts with
     * @param connections the load's concurrent connections
     * @param duration how long the load runs; the turns stop a little before
     * @param steward settings of steward.conf for this run, such as a shorter quarantine window
     */
    record Settings(int replicas, int connections, Duration duration, List<String> steward) {
        static final Settings FULL = new Settings(2, 8, Duration.ofSeconds(30), List.of());
        /**
         * The proxy applies 4 s after a change, longer than the 3.5 s quarantine window: only the convergence
         * gate keeps a port until no slot routes to it. The window still outlasts HAProxy's retries of a
         * request that met the dead replica ({@code retries} connects, up to a second apart), which stay
         * with their slot whatever the configuration says; three replicas a deployment leave a peer to
         * retry on while one is dead and still routed.
         */
        static final Settings QUICK = new Settings(3, 6, Duration.ofSeconds(10),
                List.of("port-quarantine.window = 3500ms", "coalesce.window = 4s"));

        Settings {
            steward = List.copyOf(steward);
        }
    }

    /**
     * @param turns replicas stopped, each followed by one of the other deployment started
     * @param portsReused ports handed to the other deployment than the one that used them last
     */
    record Result(LoadResult load, long turns, long portsReused, long reloads) implements Measured {
        @Override
        public List<Measure> measures() {
            return List.of(
                    Measure.count("misroutes", load.report().misroutes()),
                    Measure.count("errors", load.report().errors()),
                    Measure.count("turns", turns),
                    Measure.count("ports reused", portsReused),
                    Measure.count("reloads", reloads));
        }
    }

    @Override
    public String name() {
        return "port reuse";
    }

    @Override
    public String setup() {
        return String.format(Locale.ROOT, "2 deployments of %d replicas, no spare port, checks every 500 ms; unroute one, stop it"
                        + " %d ms later, start one of the other, in turn; %d connections for %d s%s", settings.replicas(),
                DRAIN.toMillis(), settings.connections(),
                settings.duration().toSeconds(), settings.steward().isEmpty() ? "" : "; " + String.join(", ", settings.steward()));
    }

    @Override
    public Result run(Variant variant) {
        String range = FreePort.rangeSetting(DEPLOYMENTS.size() * settings.replicas());
        try (StewardNode node = StewardNode.start(variant, range, settings.steward());
                Fleet fleet = new Fleet(node, DEPLOYMENTS, FAST_CHECK)) {
            fleet.launchEach(settings.replicas());
            fleet.publishAndAwait();
            long reloadsBefore = node.status().reloads();
            try (CheckedLoad load = Loads.start(node.proxy(), fleet.deploymentByRoute(), settings.connections(),
                    settings.duration())) {
                long turnsEnd = System.nanoTime() + settings.duration().minus(PAUSE.multipliedBy(5)).toNanos();
                long turns = 0;
                while (System.nanoTime() < turnsEnd && turn(fleet, turns, turnsEnd)) {
                    turns++;
                    LockSupport.parkNanos(PAUSE.toNanos());
                }
                LoadResult result = load.awaitEnd();
                return new Result(result, turns, fleet.portsReused(), node.status().reloads() - reloadsBefore);
            }
        }
    }

    /** One turn; false when no port came free before the end. */
    private static boolean turn(Fleet fleet, long turn, long turnsEnd) {
        String from = DEPLOYMENTS.get((int) (turn % 2));
        String to = DEPLOYMENTS.get((int) ((turn + 1) % 2));
        Replica leaving = fleet.unroute(from, 0);
        fleet.publish();
        LockSupport.parkNanos(DRAIN.toNanos());
        fleet.stop(leaving);
        try {
            fleet.launch(to, Duration.ofNanos(Math.max(0, turnsEnd - System.nanoTime())));
        } catch (PortsExhaustedException heldToTheEnd) {
            return false;
        }
        fleet.publish();
        return true;
    }
}
