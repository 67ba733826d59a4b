package dev.steward.bench.model;

import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.RoutingDecoder;
import dev.steward.api.model.RoutingEncoder;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** What validating one target-groups broadcast costs before the engine ever sees it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecodeBenchmark {
    @Param({"10", "1000"})
    public int groups;

    @Param({"10"})
    public int targetsPerGroup;

    private Map<String, Object> tree;

    @Setup
    public void build() {
        List<TargetGroup> list = new ArrayList<>();
        for (int group = 0; group < groups; group++) {
            List<Target> targets = new ArrayList<>();
            for (int target = 0; target < targetsPerGroup; target++) {
                targets.add(new Target("10.0." + (group % 250) + "." + (target + 1), 20000 + target, "g" + group + "-r" + target));
            }
            list.add(new TargetGroup("group-" + group, "/group-" + group, targets));
        }
        tree = Map.of("targetGroups", RoutingEncoder.document(new TargetGroups(list),
                FallbackTargets.NONE).get("targetGroups"));
    }

    @Benchmark
    public TargetGroups decode() {
        return RoutingDecoder.targetGroups(tree);
    }
}
