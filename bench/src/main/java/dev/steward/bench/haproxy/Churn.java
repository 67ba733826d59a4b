package dev.steward.bench.haproxy;

import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.loopback.Replica;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Autoscaling churn over a few groups: each event scales one group up or down by a replica, or
 * replaces one (a rolling restart), picking replicas from a fixed set; seeded, so every run sees the
 * same events.
 */
final class Churn {
    private static final int MIN_TARGETS = 1;
    private static final int MAX_TARGETS = 20;

    private final List<Replica> replicas;
    private final Random random;
    private final List<List<Target>> groups = new ArrayList<>();
    private int nextId;

    Churn(List<Replica> replicas, int groupCount, int initialTargets, long seed) {
        this.replicas = replicas;
        this.random = new Random(seed);
        for (int group = 0; group < groupCount; group++) {
            List<Target> targets = new ArrayList<>();
            for (int i = 0; i < initialTargets; i++) {
                targets.add(newTarget(targets));
            }
            groups.add(targets);
        }
    }

    List<TargetGroup> groups() {
        List<TargetGroup> snapshot = new ArrayList<>();
        for (int group = 0; group < groups.size(); group++) {
            snapshot.add(new TargetGroup("svc" + group, "/svc" + group, List.copyOf(groups.get(group))));
        }
        return snapshot;
    }

    /** One event: a group scales up, scales down, or replaces a replica. */
    void next() {
        List<Target> targets = groups.get(random.nextInt(groups.size()));
        int kind = random.nextInt(3);
        if (kind == 0 && targets.size() < MAX_TARGETS) {
            targets.add(newTarget(targets));
        } else if (kind == 1 && targets.size() > MIN_TARGETS) {
            targets.remove(random.nextInt(targets.size()));
        } else {
            targets.set(random.nextInt(targets.size()), newTarget(targets));
        }
    }

    private Target newTarget(List<Target> taken) {
        while (true) {
            Replica replica = replicas.get(random.nextInt(replicas.size()));
            if (taken.stream().noneMatch(target -> target.port() == replica.port())) {
                return new Target("127.0.0.1", replica.port(), replica.id() + "-" + nextId++);
            }
        }
    }
}
