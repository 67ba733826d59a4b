package dev.steward.core.demo;

import static java.util.Objects.requireNonNull;

import dev.steward.api.PortPolicy;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.api.ports.PortLease;
import dev.steward.api.ports.ReleaseMode;
import dev.steward.core.engine.ReloadEngine;
import dev.steward.loopback.Replica;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * The demo's deployments and their replicas, changed the way a careful controller changes them: a
 * new replica gets a leased port and starts before it is routed; a leaving one is unrouted, and only
 * once the proxy serves that is it stopped and its port released into quarantine.
 */
final class DemoFleet implements AutoCloseable {
    static final String NODE = "demo-node";
    private static final int MIN_REPLICAS = 1;
    private static final int MAX_REPLICAS = 4;
    private static final Duration APPLY_WAIT = Duration.ofSeconds(30);

    private final ReloadEngine engine;
    private final PortPolicy ports;
    private final Random random;
    private final Map<String, List<Replica>> replicas = new LinkedHashMap<>();
    private int nextReplica = 1;

    DemoFleet(ReloadEngine engine, PortPolicy ports, List<String> deployments, long seed) {
        this.engine = requireNonNull(engine, "engine is null");
        this.ports = requireNonNull(ports, "ports is null");
        this.random = new Random(seed);
        deployments.forEach(deployment -> replicas.put(deployment, new ArrayList<>()));
    }

    /** Two replicas for each deployment, routed. */
    void populate() {
        for (Map.Entry<String, List<Replica>> deployment : replicas.entrySet()) {
            deployment.getValue().add(launch(deployment.getKey()));
            deployment.getValue().add(launch(deployment.getKey()));
        }
        publishAndAwait();
    }

    /** One change: scale a deployment up or down, or replace one of its replicas. Returns what it did. */
    String churn() {
        List<String> names = new ArrayList<>(replicas.keySet());
        String deployment = names.get(random.nextInt(names.size()));
        List<Replica> list = replicas.get(deployment);
        int action = random.nextInt(3);
        if (action == 0 && list.size() < MAX_REPLICAS) {
            Replica added = launch(deployment);
            list.add(added);
            publishAndAwait();
            return "scaled " + deployment + " up to " + list.size() + " (" + added.id() + " joined)";
        }
        if (action == 1 && list.size() > MIN_REPLICAS) {
            Replica leaving = list.remove(random.nextInt(list.size()));
            retire(leaving);
            return "scaled " + deployment + " down to " + list.size() + " (" + leaving.id() + " left)";
        }
        Replica added = launch(deployment);
        list.add(added);
        publishAndAwait();
        Replica leaving = list.removeFirst();
        retire(leaving);
        return "replaced " + leaving.id() + " of " + deployment + " with " + added.id();
    }

    int replicaCount() {
        return replicas.values().stream().mapToInt(List::size).sum();
    }

    Map<String, String> deploymentByRoute() {
        Map<String, String> routes = new LinkedHashMap<>();
        replicas.keySet().forEach(deployment -> routes.put(route(deployment), deployment));
        return routes;
    }

    /** Stops every replica; their ports go back to the policy. */
    @Override
    public void close() {
        for (List<Replica> list : replicas.values()) {
            for (Replica replica : list) {
                replica.close();
                ports.release(NODE, replica.port(), ReleaseMode.QUARANTINE, engine.state().revision());
            }
            list.clear();
        }
    }

    private Replica launch(String deployment) {
        String replicaId = deployment + "-r" + nextReplica++;
        PortLease lease = ports.allocate(NODE, replicaId);
        return Replica.named(replicaId).port(lease.port()).body(Replica.bodyOf(deployment, replicaId)).start();
    }

    private void retire(Replica leaving) {
        publishAndAwait();
        leaving.close();
        ports.release(NODE, leaving.port(), ReleaseMode.QUARANTINE, engine.state().revision());
    }

    private void publishAndAwait() {
        List<TargetGroup> groups = new ArrayList<>();
        for (Map.Entry<String, List<Replica>> deployment : replicas.entrySet()) {
            List<Target> targets = deployment.getValue().stream()
                    .map(Replica::target)
                    .toList();
            groups.add(new TargetGroup(deployment.getKey(), route(deployment.getKey()), targets));
        }
        long revision = engine.accept("demo", List.of(new TargetGroups(groups)));
        await(() -> engine.status().appliedRevision().map(applied -> applied >= revision).orElse(false));
    }

    private static void await(BooleanSupplier applied) {
        long deadline = System.nanoTime() + APPLY_WAIT.toNanos();
        while (!applied.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the proxy did not serve the demo's change within " + APPLY_WAIT
                        + "; see the log for the failed apply");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the proxy", interrupted);
            }
        }
    }

    private static String route(String deployment) {
        return "/" + deployment;
    }
}
