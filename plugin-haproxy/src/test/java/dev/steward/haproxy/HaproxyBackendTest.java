package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.isAlive;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.steward.api.model.Balance;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.proxy.BackendStatus;
import dev.steward.haproxy.process.RetiringProcess;
import dev.steward.haproxy.runtime.HaproxyException;
import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The backend against a real haproxy on loopback. Every process a test starts is stopped after it. */
class HaproxyBackendTest extends RigTest {
    @Test
    void servesAReplicaThroughItsRoute() {
        Replica replica = rig.replica("app1-r1");
        HaproxyBackend backend = rig.backend(port);

        ApplyOutcome outcome = backend.apply(state(1, List.of(group("app1", "/app1", replica)), List.of()));

        assertThat(outcome).isEqualTo(ApplyOutcome.reload("first start"));
        assertThat(HttpProbe.get(port, "/app1/x").body()).isEqualTo("app1-r1");
        BackendStatus status = backend.status();
        assertThat(status.pid()).isPresent();
        assertThat(StatusDetails.spawn(status)).isEqualTo(1);
        assertThat(status.detail()).isEqualTo("serving revision 1");
        assertThat(StatusDetails.retiring(status)).isEmpty();
    }

    @Test
    void routesByLongestPrefixOnSegmentBoundariesWithHostRoutesFirst() {
        Replica root = rig.replica("root");
        Replica app1 = rig.replica("app1");
        Replica admin = rig.replica("admin");
        Replica api = rig.replica("api");
        HaproxyBackend backend = rig.backend(port);

        backend.apply(state(1, List.of(
                group("root", "/", root),
                group("app1", "/app1", app1),
                group("admin", "/app1/admin", admin),
                new TargetGroup("api", "/app1", Optional.of("api.example.com"), List.of(api.target()), Balance.ROUND_ROBIN,
                        HealthCheck.DEFAULT)), List.of()));

        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("app1");
        assertThat(HttpProbe.get(port, "/app1/x?q=/app1/admin").body()).isEqualTo("app1");
        assertThat(HttpProbe.get(port, "/app10").body()).isEqualTo("root");
        assertThat(HttpProbe.get(port, "/app1/admin/users").body()).isEqualTo("admin");
        assertThat(HttpProbe.get(port, "/app1/adminx").body()).isEqualTo("app1");
        assertThat(HttpProbe.get(port, "/app1/x", "API.Example.com:8443").body()).isEqualTo("api");
        assertThat(HttpProbe.get(port, "/other", "api.example.com").body()).isEqualTo("root");
    }

    @Test
    void answersNotFoundWithTheErrorPageWhenNoRouteMatches() {
        HaproxyBackend backend = rig.backend(port);
        backend.apply(state(1, List.of(group("app1", "/app1", rig.replica("app1"))), List.of()));

        HttpProbe.Response response = HttpProbe.get(port, "/app10");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":404,\"reason\":\"no route matches the request\"}");
    }

    @Test
    void theFallbackServesAGroupWithoutTargets() {
        Replica fallback = rig.replica("fallback-1");
        HaproxyBackend backend = rig.backend(port);

        backend.apply(state(1, List.of(group("app1", "/app1")), List.of(fallback.target())));

        assertThat(HttpProbe.get(port, "/app1/x").body()).isEqualTo("fallback-1");
        assertThat(HttpProbe.get(port, "/else").status()).isEqualTo(404);
    }

    @Test
    void theFallbackServesAGroupWhoseTargetsAreAllDown() {
        Replica fallback = rig.replica("fallback-1");
        HaproxyBackend backend = rig.backend(port);
        TargetGroup deadOnly = new TargetGroup("app1", "/app1", Optional.empty(),
                List.of(new Target("127.0.0.1", FreePort.pick(), "gone")), Balance.ROUND_ROBIN,
                new HealthCheck(Optional.empty(), Duration.ofMillis(100), 1, 1));

        backend.apply(state(1, List.of(deadOnly), List.of(fallback.target())));

        Eventually.await("the fallback answers for a group whose only target is down",
                () -> HttpProbe.get(port, "/app1").body().equals("fallback-1"));
    }

    @Test
    void withoutFallbackAGroupWithoutTargetsAnswersTheServiceUnavailablePage() {
        HaproxyBackend backend = rig.backend(port);

        backend.apply(state(1, List.of(group("app1", "/app1")), List.of()));

        HttpProbe.Response response = HttpProbe.get(port, "/app1");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":503,\"reason\":\"no server is available to handle this request\"}");
    }

    @Test
    void aConfigurationHaproxyRejectsFailsWithItsMessageWhileTheLiveOneKeepsServing() throws IOException {
        Replica replica = rig.replica("app1-r1");
        HaproxyBackend serving = rig.backend(port);
        RoutingState state = state(1, List.of(group("app1", "/app1", replica)), List.of());
        serving.apply(state);
        long pid = serving.status().pid().orElseThrow();
        String live = Files.readString(dataDirectory.resolve("haproxy.cfg"));
        // The same data directory with a bind HAProxy cannot resolve: what a bad settings change looks like.
        HaproxyBackend misconfigured = rig.backend(port, Map.of("bind", "no-such-host.invalid:" + port));

        assertThatThrownBy(() -> misconfigured.apply(state(2, List.of(group("app1", "/app1", replica)), List.of())))
                .isInstanceOf(ApplyException.class)
                .hasMessageStartingWith("HAProxy rejected the configuration")
                .hasMessageContaining("[ALERT]")
                .hasMessageContaining("no-such-host.invalid");
        assertThatThrownBy(() -> misconfigured.verify(state))
                .isInstanceOf(ApplyException.class)
                .hasMessageContaining("no-such-host.invalid");

        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("app1-r1");
        assertThat(serving.status().pid()).hasValue(pid);
        assertThat(Files.readString(dataDirectory.resolve("haproxy.cfg"))).isEqualTo(live);
    }

    @Test
    void verifyChecksWithoutTouchingTheRunningProxy() throws IOException {
        HaproxyBackend backend = rig.backend(port);
        backend.apply(state(1, List.of(group("app1", "/app1", rig.replica("app1"))), List.of()));
        long pid = backend.status().pid().orElseThrow();
        String live = Files.readString(dataDirectory.resolve("haproxy.cfg"));

        backend.verify(state(2, List.of(group("app2", "/app2", rig.replica("app2"))), List.of()));

        assertThat(backend.status().pid()).hasValue(pid);
        assertThat(StatusDetails.spawn(backend.status())).isEqualTo(1);
        assertThat(Files.readString(dataDirectory.resolve("haproxy.cfg"))).isEqualTo(live);
        assertThat(HttpProbe.get(port, "/app2").status()).isEqualTo(404);
    }

    @Test
    void aReloadStartsANewProcessAndTheOldOneExits() {
        Replica one = rig.replica("app1-r1");
        Replica two = rig.replica("app2-r1");
        HaproxyBackend backend = rig.backend(port);
        backend.apply(state(1, List.of(group("app1", "/app1", one)), List.of()));
        long oldPid = backend.status().pid().orElseThrow();

        ApplyOutcome outcome = backend.apply(state(2, List.of(group("app1", "/app1", one), group("app2", "/app2", two)),
                List.of()));

        assertThat(outcome).isEqualTo(ApplyOutcome.reload("groups added: app2"));
        long newPid = backend.status().pid().orElseThrow();
        assertThat(newPid).isNotEqualTo(oldPid);
        assertThat(StatusDetails.spawn(backend.status())).isEqualTo(2);
        assertThat(HttpProbe.get(port, "/app2").body()).isEqualTo("app2-r1");
        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("app1-r1");
        Eventually.await("the old process exits", () -> !isAlive(oldPid));
        Eventually.await("the old process leaves the retiring list", () -> StatusDetails.retiring(backend.status()).isEmpty());
        assertThat(rig.runtimeApi().showInfo().pid()).as("the admin socket outlives the old process").isEqualTo(newPid);
    }

    @Test
    void anOldProcessIsTrackedWithItsRevisionWhileItFinishesARequest() throws Exception {
        ReloadDuringARequest reload = reloadDuringARequest();

        assertThat(StatusDetails.retiring(reload.backend().status())).extracting(RetiringProcess::pid, RetiringProcess::revision)
                .containsExactly(tuple(reload.oldPid(), 1L));
        reload.replica().release();
        assertThat(reload.inFlight().get(10, TimeUnit.SECONDS).body()).as("the old process finished the request").isEqualTo("slow");
        Eventually.await("the old process exits once its request is done", () -> StatusDetails.retiring(reload.backend().status()).isEmpty());
    }

    @Test
    void aStartThatFailsCarriesTheTailOfItsStderrAndTheNextApplyStartsAfresh() throws IOException {
        Replica replica = rig.replica("app1-r1");
        ServerSocket taken = new ServerSocket();
        taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = taken.getLocalPort();
        HaproxyBackend backend = rig.backend(port);
        try (taken) {
            assertThatThrownBy(() -> backend.apply(state(1, List.of(group("app1", "/app1", replica)), List.of())))
                    .isInstanceOf(ApplyException.class)
                    .hasMessageContaining("HAProxy spawn 1")
                    .hasMessageContaining("during start-up")
                    .hasMessageContaining("haproxy.1.stderr.log")
                    .hasMessageContaining("cannot bind socket");
            assertThat(backend.status().pid()).isEmpty();
            assertThat(backend.status().detail()).matches("HAProxy spawn 1 \\(pid \\d+\\) is not running");
        }

        backend.apply(state(2, List.of(group("app1", "/app1", replica)), List.of()));

        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("app1-r1");
        assertThat(StatusDetails.spawn(backend.status())).isEqualTo(2);
    }

    @Test
    void aStateThatRendersTheRunningConfigCausesNoReload() {
        Replica one = rig.replica("r1");
        Replica two = rig.replica("r2");
        HaproxyBackend backend = rig.backend(port);
        backend.apply(state(1, List.of(group("app1", "/app1", one, two)), List.of()));
        long pid = backend.status().pid().orElseThrow();

        ApplyOutcome outcome = backend.apply(state(2, List.of(group("app1", "/app1", two, one)), List.of()));

        assertThat(outcome).isEqualTo(ApplyOutcome.runtime("unchanged"));
        assertThat(backend.status().pid()).hasValue(pid);
        assertThat(StatusDetails.spawn(backend.status())).isEqualTo(1);
        assertThat(backend.status().detail()).isEqualTo("serving revision 2");
    }

    @Test
    void outputGoesToFilesNamedBySpawnAndNoPipeExists() throws IOException {
        HaproxyBackend backend = rig.backend(port);
        backend.apply(state(1, List.of(group("app1", "/app1")), List.of()));
        backend.apply(state(2, List.of(group("app2", "/app2")), List.of()));
        long pid = backend.status().pid().orElseThrow();
        Path logs = dataDirectory.resolve("logs");

        assertThat(logs.resolve("haproxy.1.stdout.log")).exists();
        assertThat(logs.resolve("haproxy.1.stderr.log")).exists();
        assertThat(Path.of(StatusDetails.stderrLog(backend.status()).orElseThrow())).isEqualTo(logs.resolve("haproxy.2.stderr.log"));
        Path descriptors = Path.of("/proc", Long.toString(pid), "fd");
        assertThat(Files.readSymbolicLink(descriptors.resolve("0"))).isEqualTo(Path.of("/dev/null"));
        assertThat(Files.readSymbolicLink(descriptors.resolve("1"))).isEqualTo(logs.resolve("haproxy.2.stdout.log"));
        assertThat(Files.readSymbolicLink(descriptors.resolve("2"))).isEqualTo(logs.resolve("haproxy.2.stderr.log"));
    }

    @Test
    void haproxyRunsInASessionOfItsOwnSoACtrlCForStewardDoesNotHardStopIt() throws IOException {
        HaproxyBackend backend = rig.backend(port);
        backend.apply(state(1, List.of(), List.of()));
        long pid = backend.status().pid().orElseThrow();

        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long processGroup = Long.parseLong(fields[2]);
        long session = Long.parseLong(fields[3]);

        assertThat(session).as("session id").isEqualTo(pid);
        assertThat(processGroup).as("process group").isEqualTo(pid)
                .isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void theAdminSocketLivesInADirectoryOnlyStewardsUserCanEnter() throws IOException {
        HaproxyBackend backend = rig.backend(port);
        backend.apply(state(1, List.of(), List.of()));

        Path run = dataDirectory.resolve("run");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve("admin.sock")))).isEqualTo("rw-------");
    }

    @Test
    void closeLetsAnInFlightRequestFinishAndStopsEveryProcess() throws Exception {
        ReloadDuringARequest reload = reloadDuringARequest();
        long newPid = reload.backend().status().pid().orElseThrow();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(reload.backend()::close, rig.background());
        Eventually.await("the new process stops on the soft stop", () -> !isAlive(newPid));
        assertThat(isAlive(reload.oldPid())).as("the old process still finishes its request").isTrue();
        reload.replica().release();

        closing.get(10, TimeUnit.SECONDS);
        assertThat(reload.inFlight().get(10, TimeUnit.SECONDS).body()).isEqualTo("slow");
        assertThat(isAlive(reload.oldPid())).isFalse();
        assertThat(reload.backend().status().detail()).isEqualTo("stopped");
    }

    @Test
    void aReplicaMarkedDownStaysDownAcrossAReload() {
        HaproxyBackend backend = rig.backend(port);
        // The replica answers its checks, but the next check after a start is an hour away and two are needed
        // to bring it up: only carried state can keep it down in the new process.
        TargetGroup app1 = new TargetGroup("app1", "/app1", Optional.empty(), List.of(rig.replica("r1").target()),
                Balance.ROUND_ROBIN, new HealthCheck(Optional.empty(), Duration.ofHours(1), 2, 3));
        backend.apply(state(1, List.of(app1), List.of()));
        RuntimeApi api = rig.runtimeApi();
        api.execute("set server group_app1/slot1 health down");
        assertThat(OperationalState.of(api, "group_app1", "slot1")).isEqualTo("0");

        backend.apply(state(2, List.of(app1, group("app2", "/app2")), List.of()));

        assertThat(OperationalState.of(api, "group_app1", "slot1")).as("the new process starts with the old one's view").isEqualTo("0");
        assertThat(HttpProbe.get(port, "/app1").status()).isEqualTo(503);
    }

    @Test
    void closeStopsHardWhatOutlivesTheBound() throws Exception {
        Replica slow = rig.holdingReplica("slow");
        HaproxyBackend backend = rig.backend(port, Map.of("stop-timeout", "300ms"));
        backend.apply(state(1, List.of(group("app1", "/app1", slow)), List.of()));
        long pid = backend.status().pid().orElseThrow();
        CompletableFuture.runAsync(() -> {
            try {
                HttpProbe.get(port, "/app1");
            } catch (UncheckedIOException | IllegalStateException cut) {
                // The hard stop cuts this request; that is the point.
            }
        }, rig.background());
        slow.awaitHeldRequest();

        backend.close();

        assertThat(isAlive(pid)).isFalse();
    }

    @Test
    void describeNamesTheVersionAndTheExecutable() {
        assertThat(rig.backend(port).describe().lines().findFirst()).hasValueSatisfying(first ->
                assertThat(first).matches("HAProxy (2\\.[6-9]|2\\.[1-9][0-9]|[3-9]\\.[0-9]+)\\.\\d+\\S* \\(/\\S+/haproxy\\)"));
        assertThat(rig.backend(port).describe()).contains("\n  version-dependent: set server addr answers in");
    }

    @Test
    void aMissingBinaryIsAnErrorNamingTheSetting() {
        HaproxyBackend backend = rig.unstartedBackend(port, Map.of("binary", "/nonexistent/haproxy"));

        assertThatThrownBy(backend::start)
                .isInstanceOf(HaproxyException.class)
                .hasMessageContaining("steward.haproxy.binary is \"/nonexistent/haproxy\"");
        assertThatThrownBy(() -> backend.apply(state(1, List.of(), List.of())))
                .isInstanceOf(ApplyException.class)
                .hasMessageContaining("steward.haproxy.binary");
        assertThatThrownBy(() -> backend.verify(RoutingState.EMPTY))
                .isInstanceOf(ApplyException.class)
                .hasMessageContaining("steward.haproxy.binary");
    }

    /** A request held by its replica in the process of revision 1 while revision 2 reloads HAProxy. */
    private record ReloadDuringARequest(HaproxyBackend backend, Replica replica, long oldPid,
            CompletableFuture<HttpProbe.Response> inFlight) {}

    private ReloadDuringARequest reloadDuringARequest() throws InterruptedException {
        Replica slow = rig.holdingReplica("slow");
        HaproxyBackend backend = rig.backend(port);
        backend.apply(state(1, List.of(group("app1", "/app1", slow)), List.of()));
        long oldPid = backend.status().pid().orElseThrow();
        CompletableFuture<HttpProbe.Response> inFlight = CompletableFuture.supplyAsync(() -> HttpProbe.get(port, "/app1"), rig.background());
        slow.awaitHeldRequest();
        backend.apply(state(2, List.of(group("app1", "/app1", slow), group("app2", "/app2")), List.of()));
        return new ReloadDuringARequest(backend, slow, oldPid, inFlight);
    }
}
