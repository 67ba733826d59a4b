package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.isAlive;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.model.TargetGroup;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.proxy.ProxyStop;
import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.output.AccessLogReceiver;
import dev.steward.haproxy.runtime.HaproxyException;
import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.haproxy.runtime.RuntimeApiException;
import dev.steward.haproxy.settings.RuntimePaths;
import dev.steward.loopback.LoadLoop;
import dev.steward.loopback.LoadReport;
import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend closed with {@code KEEP} leaves HAProxy serving; the next backend on the same data directory
 * takes it over (same pid, no spawn), reads its slots back and converges at runtime, supervises it, and
 * refuses an HAProxy that is not its own. Each test kills, in the end, every HAProxy it left running.
 */
class AdoptionTest extends RigTest {
    private static final Logger log = LoggerFactory.getLogger(AdoptionTest.class);
    /** Responses the load must get while no backend runs: HAProxy serves on its own. */
    private static final long SERVED_ALONE = 200;

    @TempDir
    Path foreignDirectory;

    @Test
    void aKeptHaproxyServesAloneAndTheNextBackendTakesItOverAndConvergesAtRuntime() {
        Replica first = rig.replica("app1-r1");
        Replica second = rig.replica("app1-r2");
        Replica third = rig.replica("app1-r3");
        HaproxyBackend before = rig.backend(port);
        before.apply(state(1, group("app1", "/app1", first, second)));
        long pid = killedInTheEnd(before.status().pid().orElseThrow());
        LoadLoop load = rig.load(port, "/app1", 2);
        load.awaitMoreResponses(SERVED_ALONE);

        before.close(ProxyStop.KEEP);
        assertThat(isAlive(pid)).as("HAProxy after a stop that keeps it").isTrue();
        load.awaitMoreResponses(SERVED_ALONE);

        LogCapture accessLog = rig.register(LogCapture.of(AccessLogReceiver.LOGGER));
        HaproxyBackend after = rig.backend(port);
        assertThat(after.status().pid()).as("the pid taken over").hasValue(pid);
        assertThat(after.status().detail()).isEqualTo("adopted, serving revision 1 or newer");
        Eventually.await("the adopted process's access log reaches the new backend", () -> !accessLog.messages().isEmpty());
        ApplyOutcome outcome = after.apply(state(2, group("app1", "/app1", second, third)));

        assertThat(outcome.mode()).isEqualTo(ApplyMode.RUNTIME);
        assertThat(outcome.reason()).startsWith("took over HAProxy spawn 1 (pid " + pid + ", adopted) with ");
        assertThat(after.status().pid()).hasValue(pid);
        assertThat(StatusDetails.spawn(after.status())).as("no new spawn").isEqualTo(1);
        Eventually.await("the new replica serves", () -> third.requests() > 0);
        long leftHits = first.requests();
        load.awaitMoreResponses(SERVED_ALONE);
        assertThat(first.requests()).as("the replica that left while no backend ran gets no new request").isEqualTo(leftHits);
        LoadReport result = load.stop();
        log.info("Measured across the stop that kept HAProxy and the take-over: {}", result);
        assertThat(result.refused() + result.failed() + result.non2xx()).as(result.toString()).isZero();

        after.close(ProxyStop.STOP);
        assertThat(isAlive(pid)).as("HAProxy after a stop").isFalse();
        assertThat(dataDirectory.resolve("haproxy.processes")).as("the record once nothing runs").doesNotExist();
    }

    @Test
    void aSettingChangedWhileAwayCostsOneReloadAtTheFirstApplyAndNoFailedRequest() {
        Replica replica = rig.replica("app1-r1");
        HaproxyBackend before = rig.backend(port);
        before.apply(state(1, group("app1", "/app1", replica)));
        long pid = killedInTheEnd(before.status().pid().orElseThrow());
        LoadLoop load = rig.load(port, "/app1", 2);
        before.close(ProxyStop.KEEP);

        HaproxyBackend after = rig.backend(port, Map.of("timeouts.client", "31s"));
        ApplyOutcome outcome = after.apply(state(2, group("app1", "/app1", replica)));

        assertThat(outcome.mode()).isEqualTo(ApplyMode.RELOAD);
        assertThat(outcome.reason()).isEqualTo("the adopted HAProxy spawn 1 (pid " + pid + ", adopted) runs another"
                + " configuration than revision 2 renders");
        assertThat(after.status().pid().orElseThrow()).isNotEqualTo(pid);
        load.awaitMoreResponses(SERVED_ALONE);
        LoadReport result = load.stop();
        assertThat(result.refused() + result.failed() + result.non2xx()).as(result.toString()).isZero();
    }

    @Test
    void theAdoptedProcessIsSupervisedAndRestartedWhenKilled() {
        Replica replica = rig.replica("app1-r1");
        HaproxyBackend before = rig.backend(port);
        before.apply(state(1, group("app1", "/app1", replica)));
        long pid = killedInTheEnd(before.status().pid().orElseThrow());
        before.close(ProxyStop.KEEP);
        HaproxyBackend after = rig.backend(port);
        after.apply(state(2, group("app1", "/app1", replica)));

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        Eventually.await("the killed adopted process is restarted", () -> after.status().restarts() == 1
                && after.status().pid().isPresent());
        assertThat(after.status().pid().orElseThrow()).isNotEqualTo(pid);
        assertThat(StatusDetails.spawn(after.status())).isEqualTo(2);
        Eventually.await("serving again", () -> HttpProbe.get(port, "/app1").body().equals("app1-r1"));
    }

    @Test
    void oldProcessesAnEarlierBackendLeftStayTrackedWithTheirRevision() throws InterruptedException {
        Replica slow = rig.register(Replica.holding("slow"));
        HaproxyBackend before = rig.backend(port);
        before.apply(state(1, slowGroups(slow, "app1")));
        long oldPid = killedInTheEnd(before.status().pid().orElseThrow());
        CompletableFuture.runAsync(() -> HttpProbe.get(port, "/app1"), rig.background());
        slow.awaitHeldRequest();
        before.apply(state(2, slowGroups(slow, "app1", "app2")));
        killedInTheEnd(before.status().pid().orElseThrow());
        before.close(ProxyStop.KEEP);

        HaproxyBackend after = rig.backend(port);

        assertThat(StatusDetails.retiring(after.status())).singleElement().satisfies(old -> {
            assertThat(old.pid()).isEqualTo(oldPid);
            assertThat(old.revision()).isEqualTo(1);
        });
        slow.release();
        Eventually.await("the old process exits and leaves the list", () -> StatusDetails.retiring(after.status()).isEmpty());
    }

    @Test
    void anHaproxyThatNoRecordNamesIsRefusedWithWhatWasExpectedAndFound() throws IOException {
        long foreign = foreignHaproxy();

        assertThatThrownBy(() -> rig.backend(port))
                .isInstanceOf(HaproxyException.class)
                .hasMessageStartingWith("Steward does not take over the HAProxy on its admin socket "
                        + dataDirectory.resolve("run/admin.sock") + ": expected a pid that " + dataDirectory.resolve("haproxy.processes")
                        + " names (the file names none), found pid " + foreign + ", which runs `")
                .hasMessageEndingWith(": an HAProxy that Steward did not start. Stop that HAProxy, or give Steward a data"
                        + " directory of its own (steward.data-dir)");
        assertThat(isAlive(foreign)).as("the foreign HAProxy is left alone").isTrue();
    }

    @Test
    void anHaproxyWhosePidTheRecordDoesNotNameIsRefused() throws IOException {
        long foreign = foreignHaproxy();
        long other = ProcessHandle.current().pid();
        Files.writeString(dataDirectory.resolve("haproxy.processes"), "serving pid=" + other
                + " spawn=1 revision=3 started=unknown since=2026-01-01T00:00:00Z\n");

        assertThatThrownBy(() -> rig.backend(port))
                .isInstanceOf(HaproxyException.class)
                .hasMessageContaining("expected a pid that " + dataDirectory.resolve("haproxy.processes") + " names (" + other
                        + "), found pid " + foreign);
    }

    @Test
    void aCorruptRecordStopsTheStartNamingTheFileAndTheLine() throws IOException {
        Files.writeString(dataDirectory.resolve("haproxy.processes"), "# comment\nserving pid=12 spawn=one\n");

        assertThatThrownBy(() -> rig.backend(port))
                .isInstanceOf(HaproxyException.class)
                .hasMessageStartingWith("the HAProxy process record " + dataDirectory.resolve("haproxy.processes")
                        + " is corrupt at line 2: expected every key of [pid, spawn, revision, started, since], found only [pid, spawn]");
    }

    @Test
    void aBackendThatOnlyChecksLeavesARunningHaproxyAndItsRecordAlone() {
        HaproxyBackend serving = rig.backend(port);
        serving.apply(state(1, group("app1", "/app1", rig.replica("app1-r1"))));
        long pid = serving.status().pid().orElseThrow();
        HaproxyBackend checking = new HaproxyBackend(TestSettings.forTest(port, Map.of()), RuntimePaths.under(dataDirectory),
                dataDirectory, TimeSource.system(), new RecordingMetrics());

        checking.verify(state(2, group("app1", "/app1", rig.replica("app1-r2"))));
        checking.close(ProxyStop.STOP);

        assertThat(isAlive(pid)).as("the serving HAProxy after steward check closed its backend").isTrue();
        assertThat(dataDirectory.resolve("haproxy.processes")).as("the record after steward check").exists();
    }

    /** An HAProxy started by hand with its admin socket where the backend's would be; killed in the end. */
    private long foreignHaproxy() throws IOException {
        Path run = Files.createDirectories(dataDirectory.resolve("run"));
        Path config = Files.writeString(foreignDirectory.resolve("foreign.cfg"), """
                global
                    stats socket %s mode 600 level admin
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 1s
                    timeout server 1s
                frontend foreign
                    bind 127.0.0.1:%d
                    http-request return status 200
                """.formatted(run.resolve("admin.sock"), port));
        Process haproxy = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                .redirectOutput(foreignDirectory.resolve("stdout.log").toFile())
                .redirectError(foreignDirectory.resolve("stderr.log").toFile())
                .start();
        killedInTheEnd(haproxy.pid());
        RuntimeApi api = rig.runtimeApi();
        Eventually.await("the foreign HAProxy answers", Duration.ofSeconds(10), () -> answers(api, haproxy.pid()));
        return haproxy.pid();
    }

    private static boolean answers(RuntimeApi api, long pid) {
        try {
            return api.showInfo().pid() == pid;
        } catch (RuntimeApiException notYet) {
            return false;
        }
    }

    private long killedInTheEnd(long pid) {
        rig.register(() -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        return pid;
    }

    /** app1 is served by the slow replica; the other groups have no target. */
    private static List<TargetGroup> slowGroups(Replica slow, String... names) {
        return Arrays.stream(names)
                .map(name -> new TargetGroup(name, "/" + name, name.equals("app1") ? List.of(slow.target()) : List.of()))
                .toList();
    }
}
