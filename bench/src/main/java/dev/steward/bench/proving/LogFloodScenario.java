package dev.steward.bench.proving;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.HealthCheck;
import dev.steward.testkit.FreePort;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * HAProxy at its most verbose under load: in debug mode ({@code steward.haproxy.debug-output}) it
 * writes every request and response to its output, the flood that blocked the original system on a
 * full pipe. The admin socket is asked {@code show info} every 10 ms meanwhile.
 */
final class LogFloodScenario implements Scenario<LogFloodScenario.Result> {
    private static final String DEPLOYMENT = "flood";
    private static final int REPLICAS = 2;

    private final Settings settings;

    LogFloodScenario(Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * @param connections the load's concurrent connections
     * @param duration how long the load runs
     */
    record Settings(int connections, Duration duration) {
        static final Settings FULL = new Settings(32, Duration.ofSeconds(15));
        static final Settings QUICK = new Settings(8, Duration.ofSeconds(3));
    }

    /** @param admin how the admin socket answered meanwhile */
    record Result(LoadResult load, AdminSocketProbe.Result admin) implements Measured {
        @Override
        public List<Measure> measures() {
            return List.of(
                    Measure.rate("throughput", load.perSecond()),
                    Measure.millis("show info p99", admin.latencies().millis(99)),
                    Measure.millis("show info max", admin.latencies().millis(100)),
                    Measure.count("show info unanswered", admin.failures()),
                    Measure.count("errors", load.report().errors()),
                    Measure.count("misroutes", load.report().misroutes()));
        }
    }

    @Override
    public String name() {
        return "log flood";
    }

    @Override
    public String setup() {
        return String.format(Locale.ROOT, "HAProxy with debug-output (-d), 1 group of %d replicas, %d connections for %d s,"
                + " show info every 10 ms", REPLICAS, settings.connections(), settings.duration().toSeconds());
    }

    @Override
    public Result run(Variant variant) {
        try (StewardNode node = StewardNode.start(variant, FreePort.rangeSetting(REPLICAS + 4), List.of(
                        "haproxy.debug-output = true", "haproxy.log-max-size = 4MiB"));
                Fleet fleet = new Fleet(node, List.of(DEPLOYMENT), HealthCheck.DEFAULT)) {
            fleet.launchEach(REPLICAS);
            fleet.publishAndAwait();
            try (AdminSocketProbe admin = new AdminSocketProbe(node.adminSocket());
                    CheckedLoad load = Loads.start(node.proxy(), fleet.deploymentByRoute(), settings.connections(),
                            settings.duration())) {
                LoadResult result = load.awaitEnd();
                return new Result(result, admin.stop());
            }
        }
    }
}
