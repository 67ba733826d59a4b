package dev.steward.bench.proving;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.Balance;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.api.ports.PortsExhaustedException;
import dev.steward.api.ports.ReleaseMode;
import dev.steward.loopback.Replica;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The replicas of a scenario's deployments, each on a port leased from Steward's port policy, and
 * the controller's moves: launch one, route the fleet, let one leave. A replica that leaves dies the
 * way a process that shuts down does: it closes each new request's connection without a byte of
 * response, and a moment later stops listening; then its port goes back to the policy. Nothing waits
 * for the proxy unless the scenario does.
 */
final class Fleet implements AutoCloseable {
    /** Long enough for requests already past the door to be answered in full; short beside any window. */
    private static final Duration DYING = Duration.ofMillis(20);
    private static final Duration PORT_RETRY = Duration.ofMillis(20);
    /** How long a replica of the starting fleet may wait for a port: the range is sized to hold them all. */
    private static final Duration STARTING_PATIENCE = Duration.ofSeconds(30);

    private final StewardNode node;
    private final HealthCheck healthCheck;
    private final Map<String, List<Replica>> routed = new LinkedHashMap<>();
    private final List<Replica> leaving = new ArrayList<>();
    private final Map<Integer, String> lastDeploymentOnPort = new HashMap<>();
    private final ScheduledExecutorService deaths = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("bench-replica-deaths").daemon().unstarted(task));
    private int nextReplica = 1;
    private long portsReused;

    /** @param healthCheck how HAProxy checks the replicas of every group */
    Fleet(StewardNode node, List<String> deployments, HealthCheck healthCheck) {
        this.node = requireNonNull(node, "node is null");
        this.healthCheck = requireNonNull(healthCheck, "healthCheck is null");
        deployments.forEach(deployment -> routed.put(deployment, new ArrayList<>()));
    }

    static String route(String deployment) {
        return "/" + deployment;
    }

    /** The deployment each route must be answered by. */
    synchronized Map<String, String> deploymentByRoute() {
        Map<String, String> routes = new LinkedHashMap<>();
        routed.keySet().forEach(deployment -> routes.put(route(deployment), deployment));
        return routes;
    }

    /**
     * Starts a replica of {@code deployment} on a port leased from the policy and adds it to the
     * deployment's targets (routed at the next {@link #publish()}); while every port is held, asks
     * again until {@code patience} has passed.
     *
     * @throws PortsExhaustedException when no port came free in time
     */
    Replica launch(String deployment, Duration patience) {
        requireNonNull(deployment, "deployment is null");
        long deadline = System.nanoTime() + patience.toNanos();
        String replicaId;
        synchronized (this) {
            replicaId = deployment + "-r" + nextReplica++;
        }
        while (true) {
            try {
                int port = node.ports().allocate(StewardNode.REPLICA_NODE, replicaId).port();
                Replica replica = Replica.named(replicaId).port(port).body(Replica.bodyOf(deployment, replicaId)).start();
                synchronized (this) {
                    String before = lastDeploymentOnPort.put(port, deployment);
                    if (before != null && !before.equals(deployment)) {
                        portsReused++;
                    }
                    routed.get(deployment).add(replica);
                }
                return replica;
            } catch (PortsExhaustedException exhausted) {
                if (System.nanoTime() > deadline) {
                    throw exhausted;
                }
                LockSupport.parkNanos(PORT_RETRY.toNanos());
            }
        }
    }

    /** Launches {@code count} replicas of every deployment, all unrouted until the next {@link #publish()}. */
    void launchEach(int count) {
        for (String deployment : deploymentByRoute().values()) {
            for (int i = 0; i < count; i++) {
                launch(deployment, STARTING_PATIENCE);
            }
        }
    }

    /** Takes a replica out of its deployment's targets (unrouted at the next {@link #publish()}); it keeps running. */
    synchronized Replica unroute(String deployment, int index) {
        Replica replica = routed.get(deployment).remove(index);
        leaving.add(replica);
        return replica;
    }

    synchronized List<Replica> replicas(String deployment) {
        return List.copyOf(routed.get(deployment));
    }

    /** Broadcasts the routed replicas, one group per deployment on its route; returns the revision. */
    long publish() {
        return node.accept(new TargetGroups(groups()));
    }

    /** Broadcasts the routed replicas and waits until the proxy serves them. */
    void publishAndAwait() {
        node.awaitApplied(publish());
    }

    synchronized List<TargetGroup> groups() {
        List<TargetGroup> groups = new ArrayList<>();
        routed.forEach((deployment, replicas) -> groups.add(new TargetGroup(deployment, route(deployment), Optional.empty(),
                replicas.stream().map(Replica::target).toList(),
                Balance.ROUND_ROBIN, healthCheck)));
        return groups;
    }

    /**
     * A routed replica's process exits and starts again on its port, with no broadcast: the proxy
     * keeps routing to it, and finds it refusing connections for a moment.
     */
    void restart(String deployment, int index) {
        Replica old = replicas(deployment).get(index);
        die(old);
        Replica back = old.restart();
        synchronized (this) {
            List<Replica> replicas = routed.get(deployment);
            replicas.set(replicas.indexOf(old), back);
        }
    }

    /** An unrouted replica dies now, and its port goes back to the policy. */
    void stop(Replica replica) {
        die(replica);
        replica.close();
        synchronized (this) {
            if (!leaving.remove(replica)) {
                return;
            }
        }
        node.ports().release(StewardNode.REPLICA_NODE, replica.port(), ReleaseMode.QUARANTINE, node.revision());
    }

    private static void die(Replica replica) {
        replica.behave(Replica.Behaviour.CLOSE_WITHOUT_ANSWER);
        LockSupport.parkNanos(DYING.toNanos());
    }

    /** An unrouted replica dies after {@code grace}, as one that drains its last requests first. */
    void stopLater(Replica replica, Duration grace) {
        deaths.schedule(() -> stop(replica), grace.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Ports handed to a replica of another deployment than the one that used them last. */
    synchronized long portsReused() {
        return portsReused;
    }

    /** Stops every replica, routed or leaving. */
    @Override
    public void close() {
        deaths.shutdownNow();
        List<Replica> all = new ArrayList<>();
        synchronized (this) {
            routed.values().forEach(all::addAll);
            all.addAll(leaving);
            routed.values().forEach(List::clear);
            leaving.clear();
        }
        all.forEach(Replica::close);
    }
}
