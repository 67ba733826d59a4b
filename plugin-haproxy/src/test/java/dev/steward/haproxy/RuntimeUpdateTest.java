package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.Balance;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.process.HaproxyLauncher;
import dev.steward.haproxy.runtime.AdminState;
import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.haproxy.runtime.RuntimeApiException;
import dev.steward.haproxy.runtime.ServerName;
import dev.steward.haproxy.runtime.ServerState;
import dev.steward.haproxy.runtime.ServersState;
import dev.steward.haproxy.slots.Slot;
import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import dev.steward.testkit.FreePort;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runtime updates against a real haproxy on loopback: target churn without a reload, drains, pool
 * growth, health checks per slot, fallback to a reload, drift repair, and what a crash leaves.
 * Every process a test starts is stopped after it, also when it fails.
 */
class RuntimeUpdateTest extends RigTest {
    private static final HealthCheck FAST_TCP = new HealthCheck(Optional.empty(), Duration.ofMillis(200), 1, 1);

    @Test
    void fiveHundredTargetChangesWithinThePoolReloadNothingAndEachIsServedAtOnce() {
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            replicas.add(rig.replica("r" + i));
        }
        HaproxyBackend backend = rig.backend(port, Map.of());
        backend.apply(state(1, group("app1", FAST_TCP, replicas.get(0).target())));
        long pid = backend.status().pid().orElseThrow();

        for (int change = 1; change <= 500; change++) {
            Replica next = replicas.get(change % replicas.size());

            ApplyOutcome outcome = backend.apply(state(change + 1, group("app1", FAST_TCP, next.target())));

            assertThat(outcome.mode()).as("change %d: %s", change, outcome.reason()).isEqualTo(ApplyMode.RUNTIME);
            assertThat(HttpProbe.get(port, "/app1").body()).as("the first request after change %d", change).isEqualTo(next.id());
        }
        assertThat(backend.status().pid()).hasValue(pid);
        assertThat(StatusDetails.spawn(backend.status())).isEqualTo(1);
        assertThat(slotCount(rig.runtimeApi().showServersState(), "group_app1")).as("the pool never grew").isEqualTo(8);
    }

    @Test
    void aDrainedTargetFinishesItsInFlightRequestThenItsSlotReturnsToThePool() throws Exception {
        Replica slow = rig.holdingReplica("slow");
        Replica fresh = rig.replica("fresh");
        HaproxyBackend backend = rig.backend(port, Map.of());
        backend.apply(state(1, group("app1", FAST_TCP, slow.target())));
        CompletableFuture<HttpProbe.Response> inFlight = CompletableFuture.supplyAsync(() -> HttpProbe.get(port, "/app1"), rig.background());
        slow.awaitHeldRequest();

        ApplyOutcome outcome = backend.apply(state(2, group("app1", FAST_TCP, fresh.target())));

        assertThat(outcome.mode()).isEqualTo(ApplyMode.RUNTIME);
        assertThat(server("group_app1", "slot1").admin()).as("the slot of the removed target drains").isEqualTo(AdminState.DRAIN);
        assertThat(HttpProbe.get(port, "/app1").body()).as("new requests go to the new target").isEqualTo("fresh");
        Replica third = rig.replica("third");
        backend.apply(state(3, group("app1", FAST_TCP, fresh.target(), third.target())));
        assertThat(server("group_app1", "slot3").port()).as("a newcomer does not take the draining slot").isEqualTo(third.port());
        assertThat(server("group_app1", "slot1").port()).as("the draining slot still points at its target").isEqualTo(slow.port());
        slow.release();
        assertThat(inFlight.get(10, TimeUnit.SECONDS).body()).as("the in-flight request finished").isEqualTo("slow");
        Eventually.await("the drained slot returns to the pool, in maintenance at the placeholder", () -> {
            ServerState slot1 = server("group_app1", "slot1");
            return slot1.admin() == AdminState.MAINT && slot1.port() == Slot.PLACEHOLDER_PORT;
        });
        assertThat(rig.metrics(backend).count("steward_haproxy_drains_total", "empty")).isEqualTo(1);
        assertThat(StatusDetails.spawn(backend.status())).isEqualTo(1);
    }

    @Test
    void aDrainThatOutlivesItsTimeoutReturnsTheSlotWhileTheRequestGoesOn() throws Exception {
        Replica slow = rig.holdingReplica("slow");
        HaproxyBackend backend = rig.backend(port, Map.of("drain-timeout", "300ms"));
        backend.apply(state(1, group("app1", FAST_TCP, slow.target())));
        CompletableFuture<HttpProbe.Response> inFlight = CompletableFuture.supplyAsync(() -> HttpProbe.get(port, "/app1"), rig.background());
        slow.awaitHeldRequest();

        backend.apply(state(2, group("app1", FAST_TCP, rig.replica("fresh").target())));

        Eventually.await("the slot returns to the pool at the drain timeout",
                () -> server("group_app1", "slot1").admin() == AdminState.MAINT);
        assertThat(rig.metrics(backend).count("steward_haproxy_drains_total", "timeout")).isEqualTo(1);
        assertThat(inFlight).isNotDone();
        slow.release();
        assertThat(inFlight.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow");
    }

    @Test
    void growingPastCapacityCausesExactlyOneReloadAndThePoolDoubles() {
        HaproxyBackend backend = rig.backend(port, Map.of("pool-min-size", 2));
        List<Target> targets = new ArrayList<>(List.of(rig.replica("r1").target(), rig.replica("r2").target()));
        backend.apply(state(1, group("app1", FAST_TCP, targets.toArray(Target[]::new))));
        long pid = backend.status().pid().orElseThrow();

        targets.add(rig.replica("r3").target());
        ApplyOutcome grown = backend.apply(state(2, group("app1", FAST_TCP, targets.toArray(Target[]::new))));
        long grownPid = backend.status().pid().orElseThrow();
        targets.add(rig.replica("r4").target());
        ApplyOutcome filled = backend.apply(state(3, group("app1", FAST_TCP, targets.toArray(Target[]::new))));

        assertThat(grown.mode()).isEqualTo(ApplyMode.RELOAD);
        assertThat(grown.reason()).startsWith("pools grown: group_app1 2 to 4 slots");
        assertThat(grownPid).isNotEqualTo(pid);
        assertThat(filled.mode()).isEqualTo(ApplyMode.RUNTIME);
        assertThat(backend.status().pid()).hasValue(grownPid);
        assertThat(StatusDetails.spawn(backend.status())).isEqualTo(2);
        assertThat(slotCount(rig.runtimeApi().showServersState(), "group_app1")).isEqualTo(4);
        assertThat(servedIds(port, "/app1", 4)).containsExactlyInAnyOrder("r1", "r2", "r3", "r4");
    }

    @Test
    void aRouteAddedNeedsOneReloadIsServedAfterItAndItsTargetsThenChangeAtRuntime() {
        HaproxyBackend backend = rig.backend(port, Map.of());
        TargetGroup app1 = group("app1", FAST_TCP, rig.replica("app1-r1").target());
        backend.apply(state(1, app1));

        ApplyOutcome added = backend.apply(state(2, app1, group("app2", FAST_TCP, rig.replica("app2-r1").target())));
        long pid = backend.status().pid().orElseThrow();
        ApplyOutcome changed = backend.apply(state(3, app1, group("app2", FAST_TCP, rig.replica("app2-r2").target())));

        assertThat(added).isEqualTo(ApplyOutcome.reload("groups added: app2"));
        assertThat(changed.mode()).isEqualTo(ApplyMode.RUNTIME);
        assertThat(StatusDetails.spawn(backend.status())).isEqualTo(2);
        assertThat(backend.status().pid()).hasValue(pid);
        assertThat(HttpProbe.get(port, "/app2").body()).isEqualTo("app2-r2");
        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("app1-r1");
    }

    @Test
    void theOnlyReplicaOfAGroupMovingToAnotherPortDropsNoRequest() throws Exception {
        Replica here = rig.replica("here");
        Replica there = rig.replica("there");
        HaproxyBackend backend = rig.backend(port, Map.of());
        backend.apply(state(1, group("app1", FAST_TCP, new Target("127.0.0.1", here.port(), "mover"))));
        long pid = backend.status().pid().orElseThrow();
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Future<?> load = rig.background().submit(() -> {
            while (loading.get()) {
                HttpProbe.Response response = HttpProbe.get(port, "/app1");
                if (response.status() == 200) {
                    answered.incrementAndGet();
                } else {
                    failures.add(response.status() + " " + response.body());
                }
            }
        });

        for (int move = 2; move <= 21; move++) {
            Replica to = move % 2 == 0 ? there : here;
            backend.apply(state(move, group("app1", FAST_TCP, new Target("127.0.0.1", to.port(), "mover"))));
            Eventually.await("the move is served", () -> HttpProbe.get(port, "/app1").body().equals(to.id()));
        }
        loading.set(false);
        load.get(10, TimeUnit.SECONDS);

        assertThat(failures).as("requests that failed while the replica moved").isEmpty();
        assertThat(answered.get()).isPositive();
        assertThat(backend.status().pid()).as("moves are runtime updates").hasValue(pid);
    }

    @Test
    void theOnlyReplicaOfAGroupWithAnHttpCheckMovingDropsNoRequest() throws Exception {
        Replica here = rig.checkedReplica("here", true);
        Replica there = rig.checkedReplica("there", true);
        HealthCheck check = new HealthCheck(Optional.of(Replica.HEALTH_PATH), Duration.ofMillis(100), 2, 1);
        HaproxyBackend backend = rig.backend(port, Map.of());
        backend.apply(state(1, group("app1", check, new Target("127.0.0.1", here.target().port(), "mover"))));
        Eventually.await("the replica serves", () -> HttpProbe.get(port, "/app1").body().equals("here"));
        long pid = backend.status().pid().orElseThrow();
        AtomicBoolean loading = new AtomicBoolean(true);
        List<String> failures = new CopyOnWriteArrayList<>();
        Future<?> load = rig.background().submit(() -> {
            while (loading.get()) {
                HttpProbe.Response response = HttpProbe.get(port, "/app1");
                if (response.status() != 200) {
                    failures.add(response.status() + " " + response.body());
                }
            }
        });

        for (int move = 2; move <= 11; move++) {
            Replica to = move % 2 == 0 ? there : here;
            ApplyOutcome outcome = backend.apply(state(move, group("app1", check, new Target("127.0.0.1", to.target().port(), "mover"))));
            assertThat(outcome.mode()).isEqualTo(ApplyMode.RUNTIME);
            Eventually.await("the move is served", () -> HttpProbe.get(port, "/app1").body().equals(to.id()));
        }
        loading.set(false);
        load.get(10, TimeUnit.SECONDS);

        assertThat(failures).as("requests that failed while the only replica moved").isEmpty();
        assertThat(backend.status().pid()).hasValue(pid);
    }

    @Test
    void afterAKillAndARestartTheServersReadBackAreTheDesiredSlots() throws Exception {
        // The test restarts HAProxy by hand; the backend's own supervisor must not race it.
        HaproxyBackend backend = rig.backend(port, Map.of("restart.delay", "10m", "restart.max-delay", "10m"));
        Target a = rig.replica("a").target();
        Target b = rig.replica("b").target();
        Target c = rig.replica("c").target();
        Target fallback = rig.replica("fallback").target();
        backend.apply(state(1, List.of(group("app1", FAST_TCP, a, b)), List.of(fallback)));
        RoutingState desired = state(2, List.of(group("app1", FAST_TCP, new Target(b.host(), b.port(), "b", 4), c)), List.of());
        assertThat(backend.apply(desired).mode()).isEqualTo(ApplyMode.RUNTIME);
        Map<String, String> expected = Map.of(
                "group_app1/" + b.address(), "READY weight 4",
                "group_app1/" + c.address(), "READY weight 1");
        Eventually.await("the drained slots return to their pools", () -> readyServers().equals(expected));
        ProcessHandle.of(backend.status().pid().orElseThrow()).orElseThrow().destroyForcibly();
        Eventually.await("HAProxy is gone", () -> backend.status().pid().isEmpty());

        // What a supervisor would do: start HAProxy again on the last configuration it ran.
        Process restarted = startOnLiveConfig();
        try {
            Eventually.await("the restarted process answers", () -> answersOnTheAdminSocket(restarted.pid()));
            assertThat(readyServers()).as("a restart on the live configuration serves the desired slots").isEqualTo(expected);
            assertThat(nonFreeSlotsOutsideReady()).isEmpty();
        } finally {
            restarted.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        ApplyOutcome again = backend.apply(new RoutingState(3, desired.targetGroups(), desired.fallbackTargets()));

        assertThat(again.mode()).isEqualTo(ApplyMode.RELOAD);
        assertThat(again.reason()).contains("had exited");
        assertThat(readyServers()).as("what the backend started reads back as the desired slots").isEqualTo(expected);
        assertThat(nonFreeSlotsOutsideReady()).isEmpty();
    }

    @Test
    void aRuntimeCommandThatFailsFallsBackToAValidatedReload() throws Exception {
        HaproxyBackend backend = rig.backend(port, Map.of());
        backend.apply(state(1, group("app1", FAST_TCP, rig.replica("r1").target())));
        long pid = backend.status().pid().orElseThrow();
        Replica r2 = rig.replica("r2");

        ApplyOutcome outcome;
        try (RefusingAdminSocket refusing = new RefusingAdminSocket(adminSocket())) {
            outcome = backend.apply(state(2, group("app1", FAST_TCP, r2.target())));
            assertThat(refusing.refusedBatches()).isEqualTo(1);
        }

        assertThat(outcome.mode()).isEqualTo(ApplyMode.RELOAD);
        assertThat(outcome.reason()).startsWith("the runtime update failed: HAProxy runtime API command \"set server group_app1/")
                .contains("\"Permission denied\"");
        assertThat(rig.metrics(backend).count("steward_haproxy_runtime_fallbacks_total", "apply")).isEqualTo(1);
        assertThat(backend.status().pid().orElseThrow()).isNotEqualTo(pid);
        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("r2");
        assertThat(readyServers()).isEqualTo(Map.of("group_app1/" + r2.target().address(), "READY weight 1"));
    }

    @Test
    void aDriftRepairThatFailsFallsBackToAValidatedReload() throws Exception {
        HaproxyBackend backend = rig.backend(port, Map.of("reconcile-interval", "200ms"));
        backend.apply(state(1, group("app1", FAST_TCP, rig.replica("r1").target())));
        long pid = backend.status().pid().orElseThrow();
        Map<String, String> desired = readyServers();

        try (RefusingAdminSocket refusing = new RefusingAdminSocket(adminSocket())) {
            new RuntimeApi(refusing.real(), Duration.ofSeconds(2), TimeSource.system()).execute("set server group_app1/slot1 state maint");
            Eventually.await("the failed repair is replaced by a reload", () -> backend.status().pid().orElse(pid) != pid);
            assertThat(refusing.refusedBatches()).isEqualTo(1);
        }

        assertThat(rig.metrics(backend).count("steward_haproxy_runtime_fallbacks_total", "reconcile")).isEqualTo(1);
        assertThat(readyServers()).isEqualTo(desired);
        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("r1");
    }

    @Test
    void thePeriodicReconcileRepairsDrift() {
        HaproxyBackend backend = rig.backend(port, Map.of("reconcile-interval", "200ms"));
        Target r1 = rig.replica("r1").target();
        Target r2 = rig.replica("r2").target();
        backend.apply(state(1, group("app1", FAST_TCP, r1, r2)));
        Map<String, String> desired = readyServers();
        RuntimeApi api = rig.runtimeApi();

        // An operator's hands: one slot put into maintenance, another pointed elsewhere, a free one made ready.
        api.execute("set server group_app1/slot1 state maint");
        api.execute("set server group_app1/slot2 addr 127.0.0.1 port " + FreePort.pick());
        api.execute("set server group_app1/slot3 state ready");

        Eventually.await("the reconcile sets every slot right", () -> readyServers().equals(desired)
                && server("group_app1", "slot3").admin() == AdminState.MAINT);
        assertThat(rig.metrics(backend).count("steward_haproxy_drift_repairs_total")).isGreaterThanOrEqualTo(3);
        assertThat(StatusDetails.spawn(backend.status())).isEqualTo(1);
        assertThat(servedIds(port, "/app1", 2)).containsExactlyInAnyOrder("r1", "r2");
    }

    @Test
    void aTargetThatFailsItsChecksStopsReceivingTrafficWithoutAnApply() {
        Replica steady = rig.checkedReplica("steady", true);
        Replica failing = rig.checkedReplica("failing", true);
        HaproxyBackend backend = rig.backend(port, Map.of());
        HealthCheck check = new HealthCheck(Optional.of(Replica.HEALTH_PATH), Duration.ofMillis(100), 1, 1);
        backend.apply(state(1, group("app1", check, steady.target(), failing.target())));
        Eventually.await("both replicas serve", () -> servedIds(port, "/app1", 2).size() == 2);

        failing.healthy(false);
        Eventually.await("the failing replica is marked down by its check", () -> !server("group_app1", "slot2").up());
        long before = failing.requests();

        for (int i = 0; i < 20; i++) {
            assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("steady");
        }
        assertThat(failing.requests()).isEqualTo(before);
        failing.healthy(true);
        Eventually.await("the replica serves again once its check passes", () -> servedIds(port, "/app1", 2).size() == 2);
        assertThat(StatusDetails.spawn(backend.status())).isEqualTo(1);
    }

    @Test
    void aTargetEnteringAGroupWithAnHttpCheckTakesNoRequestBeforeItsChecksPass() {
        Replica steady = rig.checkedReplica("steady", true);
        Replica joining = rig.checkedReplica("joining", false);
        HaproxyBackend backend = rig.backend(port, Map.of());
        HealthCheck check = new HealthCheck(Optional.of(Replica.HEALTH_PATH), Duration.ofMillis(100), 2, 1);
        backend.apply(state(1, group("app1", check, steady.target())));

        ApplyOutcome outcome = backend.apply(state(2, group("app1", check, steady.target(), joining.target())));
        for (int i = 0; i < 20; i++) {
            HttpProbe.get(port, "/app1");
        }

        assertThat(outcome.mode()).isEqualTo(ApplyMode.RUNTIME);
        assertThat(joining.requests()).as("no request while its check fails").isZero();
        assertThat(server("group_app1", "slot2").up()).isFalse();
        joining.healthy(true);
        Eventually.await("the joining replica serves once its checks pass", () -> servedIds(port, "/app1", 2).contains("joining"));
        assertThat(joining.passedChecksAtFirstRequest()).as("checks, at its new address, passed rise times first")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTargetEnteringInAReloadWaitsForItsCheckTooAndARemovedOneIsNotRevived() {
        Replica steady = rig.checkedReplica("steady", true);
        Replica removed = rig.checkedReplica("removed", true);
        Replica joining = rig.checkedReplica("joining", false);
        HaproxyBackend backend = rig.backend(port, Map.of());
        HealthCheck check = new HealthCheck(Optional.of(Replica.HEALTH_PATH), Duration.ofMillis(100), 2, 1);
        backend.apply(state(1, group("app1", check, steady.target(), removed.target())));
        Eventually.await("both serve", () -> servedIds(port, "/app1", 2).size() == 2);

        // A group added forces a reload; in the same state a target leaves and another joins.
        ApplyOutcome outcome = backend.apply(state(2, group("app1", check, steady.target(), joining.target()),
                group("app2", FAST_TCP, rig.replica("app2").target())));
        long removedRequests = removed.requests();
        for (int i = 0; i < 20; i++) {
            assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("steady");
        }

        assertThat(outcome.mode()).isEqualTo(ApplyMode.RELOAD);
        assertThat(removed.requests()).as("the new process does not revive the removed target").isEqualTo(removedRequests);
        assertThat(joining.requests()).as("the saved states, taken after the runtime sync, hold the joining target down").isZero();
    }

    private Map<String, String> readyServers() {
        return ServersState.parse(rig.runtimeApi().showServersState()).servers().stream()
                .filter(server -> server.admin() != AdminState.MAINT)
                .collect(Collectors.toMap(server -> server.name().backend() + "/" + address(server),
                        server -> server.admin() + " weight " + server.weight()));
    }

    /** Slots in maintenance that are not at the placeholder: nothing should be left half set. */
    private List<String> nonFreeSlotsOutsideReady() {
        return ServersState.parse(rig.runtimeApi().showServersState()).servers().stream()
                .filter(server -> server.admin() == AdminState.MAINT && server.port() != Slot.PLACEHOLDER_PORT)
                .map(server -> server.name().toString())
                .toList();
    }

    private static String address(ServerState server) {
        return server.address().indexOf(':') >= 0 ? "[" + server.address() + "]:" + server.port() : server.address() + ":" + server.port();
    }

    private ServerState server(String backend, String server) {
        return ServersState.parse(rig.runtimeApi().showServersState()).server(new ServerName(backend, server)).orElseThrow();
    }

    private static int slotCount(String showServersState, String backend) {
        return (int) ServersState.parse(showServersState).servers().stream().filter(server -> server.name().backend().equals(backend)).count();
    }

    /** The replica ids that answer {@code path} over enough requests to see {@code expected} of them, round robin. */
    private static Set<String> servedIds(int port, String path, int expected) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < expected * 4; i++) {
            ids.add(HttpProbe.get(port, path).body());
        }
        return ids;
    }

    private boolean answersOnTheAdminSocket(long pid) {
        try {
            return rig.runtimeApi().showInfo().pid() == pid;
        } catch (RuntimeApiException notYet) {
            return false;
        }
    }

    private Process startOnLiveConfig() throws IOException {
        Process process = new ProcessBuilder("haproxy", "-db", "-f", dataDirectory.resolve("haproxy.cfg").toString())
                .redirectInput(HaproxyLauncher.NO_INPUT)
                .redirectOutput(new File("/dev/null"))
                .redirectError(dataDirectory.resolve("restarted.stderr.log").toFile())
                .start();
        rig.register(() -> process.destroyForcibly().waitFor(10, TimeUnit.SECONDS));
        return process;
    }

    private Path adminSocket() {
        return dataDirectory.resolve("run/admin.sock");
    }

    private static TargetGroup group(String name, HealthCheck check, Target... targets) {
        return new TargetGroup(name, "/" + name, Optional.empty(), List.of(targets), Balance.ROUND_ROBIN, check);
    }
}
