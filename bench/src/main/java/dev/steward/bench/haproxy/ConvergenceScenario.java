package dev.steward.bench.haproxy;

import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.core.engine.EngineStatus;
import dev.steward.loopback.Replica;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Runtime updates versus reloads, against a real HAProxy and real replicas on loopback, through the
 * real engine: convergence time (change accepted by the engine, to the first request the new target
 * serves) and reloads per 1,000 churn events, with the engine's default window and with window 0.
 * Prints markdown tables.
 *
 * <p>{@code scripts/scenario ConvergenceScenario [--changes 200] [--churn 1000] [--churn-interval-ms 5]}
 */
public final class ConvergenceScenario {
    private static final int STATIC_GROUPS = 10;
    private static final int TARGETS_PER_GROUP = 4;
    private static final int REPLICAS = 48;
    private static final int CHURN_GROUPS = 8;
    private static final Duration CHANGE_DEADLINE = Duration.ofSeconds(30);
    /** Between two probes: on a small machine a probe loop without pause would starve the apply it measures. */
    private static final Duration PROBE_PAUSE = Duration.ofMillis(1);

    private ConvergenceScenario() {}

    public static void main(String[] args) throws Exception {
        int changes = option(args, "--changes", 200);
        int churnEvents = option(args, "--churn", 1000);
        Duration churnInterval = Duration.ofMillis(option(args, "--churn-interval-ms", 5));
        List<String> convergence = new ArrayList<>();
        List<String> churn = new ArrayList<>();
        String haproxy = "";
        for (Duration window : List.of(Duration.ofMillis(100), Duration.ZERO)) {
            try (Rig rig = new Rig(window, REPLICAS)) {
                haproxy = rig.describe();
                rig.start(withChurned(fixedGroups(rig.replicas()), rig.replicas().get(0), false));
                convergence.add(convergence(rig, window, false, changes));
                convergence.add(convergence(rig, window, true, changes));
            }
            try (Rig rig = new Rig(window, REPLICAS)) {
                churn.add(churn(rig, window, churnEvents, churnInterval));
            }
        }
        System.out.println();
        System.out.println(haproxy + "; " + Runtime.getRuntime().availableProcessors() + " CPUs; Java "
                + Runtime.version());
        System.out.println();
        System.out.println("| window | apply by | changes | median ms | p99 ms | max ms | applies runtime / reload |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        convergence.forEach(System.out::println);
        System.out.println();
        System.out.println("| window | churn events | applies | reloads | reloads per 1,000 events | applies per 1,000 events |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        churn.forEach(System.out::println);
    }

    /**
     * One target of a group replaced, again and again; in reload mode each change also adds or
     * removes a group, which only a reload can do. Each change waits until the new target answers.
     */
    private static String convergence(Rig rig, Duration window, boolean reload, int changes) {
        List<Replica> replicas = rig.replicas();
        List<TargetGroup> fixed = fixedGroups(replicas);
        rig.awaitApplied(rig.accept(withChurned(fixed, replicas.get(0), false)));
        Probe probe = rig.probe();
        EngineStatus before = rig.status();
        long[] nanos = new long[changes];
        long revision = 0;
        for (int change = 1; change <= changes; change++) {
            Replica next = replicas.get(change % 8);
            List<TargetGroup> groups = withChurned(fixed, next, reload && change % 2 == 1);
            long start = System.nanoTime();
            revision = rig.accept(groups);
            nanos[change - 1] = awaitServedBy(probe, next.id(), start);
        }
        rig.awaitApplied(revision);
        EngineStatus after = rig.status();
        Samples samples = new Samples(nanos);
        return String.format(Locale.ROOT, "| %d ms | %s | %d | %.1f | %.1f | %.1f | %d / %d |", window.toMillis(),
                reload ? "reload" : "runtime", samples.count(), samples.millis(50), samples.millis(99), samples.millis(100),
                after.runtimeUpdates() - before.runtimeUpdates(), after.reloads() - before.reloads());
    }

    private static String churn(Rig rig, Duration window, int events, Duration interval) {
        Churn churn = new Churn(rig.replicas(), CHURN_GROUPS, TARGETS_PER_GROUP, 42);
        rig.start(churn.groups());
        EngineStatus before = rig.status();
        long revision = 0;
        for (int event = 0; event < events; event++) {
            churn.next();
            revision = rig.accept(churn.groups());
            LockSupport.parkNanos(interval.toNanos());
        }
        rig.awaitApplied(revision);
        EngineStatus after = rig.status();
        long reloads = after.reloads() - before.reloads();
        long applies = reloads + after.runtimeUpdates() - before.runtimeUpdates();
        return String.format(Locale.ROOT, "| %d ms | %d | %d | %d | %.1f | %.1f |", window.toMillis(), events, applies, reloads,
                reloads * 1000.0 / events, applies * 1000.0 / events);
    }

    private static long awaitServedBy(Probe probe, String name, long start) {
        long deadline = start + CHANGE_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> body = probe.get("/churn");
            if (body.isPresent() && body.get().equals(name)) {
                return System.nanoTime() - start;
            }
            LockSupport.parkNanos(PROBE_PAUSE.toNanos());
        }
        throw new IllegalStateException(name + " did not answer within " + CHANGE_DEADLINE.toSeconds() + " s");
    }

    private static List<TargetGroup> fixedGroups(List<Replica> replicas) {
        List<TargetGroup> groups = new ArrayList<>();
        for (int group = 0; group < STATIC_GROUPS; group++) {
            List<Target> targets = new ArrayList<>();
            for (int i = 0; i < TARGETS_PER_GROUP; i++) {
                Replica replica = replicas.get(8 + (group * TARGETS_PER_GROUP + i) % (replicas.size() - 8));
                targets.add(new Target("127.0.0.1", replica.port(), replica.id()));
            }
            groups.add(new TargetGroup("app" + group, "/app" + group, targets));
        }
        return groups;
    }

    private static List<TargetGroup> withChurned(List<TargetGroup> fixed, Replica target, boolean extraGroup) {
        List<TargetGroup> groups = new ArrayList<>(fixed);
        groups.add(new TargetGroup("churn", "/churn", List.of(new Target("127.0.0.1", target.port(), target.id()))));
        if (extraGroup) {
            groups.add(new TargetGroup("extra", "/extra", List.of(new Target("127.0.0.1", target.port(), target.id()))));
        }
        return groups;
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
