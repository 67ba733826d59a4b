package dev.steward.bench.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fleet convergence: the time from a publish to etcd until every node's HAProxy serves it, for fleets
 * of several sizes, each node a {@code bin/steward run} of the built distribution. Prints a markdown
 * table for docs/benchmarks.md.
 *
 * <pre>
 * scripts/fleet-convergence [--nodes 2,5] [--rounds 30] [--window 100ms]
 * </pre>
 */
public final class FleetConvergence {
    private FleetConvergence() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path distribution = Path.of(options.getOrDefault("--distribution", "distribution/target/steward")).toAbsolutePath();
        if (!Files.isExecutable(distribution.resolve("bin/steward"))) {
            throw new IllegalArgumentException("--distribution: no bin/steward in " + distribution
                    + "; build it with ./mvnw -q -pl distribution -am package -DskipTests");
        }
        List<Integer> sizes = Arrays.stream(options.getOrDefault("--nodes", "2,5").split(",")).map(String::strip)
                .map(Integer::parseInt).toList();
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "30"));
        String window = options.getOrDefault("--window", "100ms");

        List<String> rows = new ArrayList<>();
        for (int nodes : sizes) {
            Path directory = Files.createTempDirectory("steward-fleet-bench-");
            List<FleetRun.Round> results = new FleetRun(distribution, directory, nodes, window).run(rounds);
            rows.add(row(nodes, window, results));
            delete(directory);
        }
        System.out.println("| nodes | rounds | coalesce window | every node received, p50 | first node serves, p50"
                + " | every node serves, p50 | p90 | max | every node acknowledged, p50 |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        rows.forEach(System.out::println);
    }

    private static String row(int nodes, String window, List<FleetRun.Round> results) {
        List<Double> received = results.stream().map(FleetRun.Round::allReceive).toList();
        List<Double> first = results.stream().map(FleetRun.Round::firstServes).toList();
        List<Double> all = results.stream().map(FleetRun.Round::allServe).toList();
        List<Double> acknowledged = results.stream().map(FleetRun.Round::allAcknowledge).toList();
        return String.format("| %d | %d | %s | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms |", nodes,
                results.size(), window, Percentiles.of(received, 50), Percentiles.of(first, 50), Percentiles.of(all, 50), Percentiles.of(all, 90),
                Percentiles.of(all, 100), Percentiles.of(acknowledged, 50));
    }

    /** A fleet's folder, once its run succeeded; a failed run keeps it for its logs. */
    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length || !args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, found " + Arrays.toString(args));
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
