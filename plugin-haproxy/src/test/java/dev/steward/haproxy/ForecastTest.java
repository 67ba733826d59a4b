package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.isAlive;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyForecast;
import dev.steward.api.proxy.ApplyMode;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.api.proxy.ProxyStop;
import dev.steward.api.proxy.ReloadNeededException;
import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Forecasts against a real haproxy: the answer the apply then reaches, and the promise a runtime
 * forecast makes: a state it promised no reload is never reloaded for in its own apply, which throws
 * {@link ReloadNeededException} when the running process refuses it; the next apply reloads.
 */
class ForecastTest extends RigTest {
    /** No periodic reconcile: it would repair, or reload for, what a test breaks on purpose. */
    private static final Map<String, Object> NO_RECONCILE = Map.of("reconcile-interval", "0s");

    @Test
    void nothingRunningIsForecastAsTheFirstStart() {
        HaproxyBackend backend = rig.backend(port);
        RoutingState first = state(1, group("app1", "/app1", rig.replica("r1")));

        assertThat(backend.forecast(first).reloadReason()).hasValue("first start");
        assertThat(backend.apply(first)).isEqualTo(ApplyOutcome.reload("first start"));
    }

    @Test
    void aTargetChangeIsForecastAtRuntimeAndAppliedSo() {
        HaproxyBackend backend = rig.backend(port);
        backend.apply(state(1, group("app1", "/app1", rig.replica("r1"))));
        long pid = backend.status().pid().orElseThrow();
        RoutingState changed = state(2, group("app1", "/app1", rig.replica("r2")));

        ApplyForecast forecast = backend.forecast(changed);
        ApplyOutcome outcome = backend.apply(changed);

        assertThat(forecast.needsReload()).as(forecast.toString()).isFalse();
        assertThat(outcome.mode()).isEqualTo(ApplyMode.RUNTIME);
        assertThat(backend.status().pid()).hasValue(pid);
        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("r2");
    }

    @Test
    void aStateThatNeedsANewProcessIsForecastWithTheReasonItsApplyGives() {
        HaproxyBackend backend = rig.backend(port, Map.of("pool-min-size", 1));
        Replica one = rig.replica("r1");
        Replica two = rig.replica("r2");
        backend.apply(state(1, group("app1", "/app1", one)));
        RoutingState added = state(2, group("app1", "/app1", one), group("app2", "/app2", two));
        RoutingState grown = state(3, group("app1", "/app1", one, rig.replica("r3")), group("app2", "/app2", two));

        assertThat(backend.forecast(added).reloadReason()).hasValue("groups added: app2");
        assertThat(backend.apply(added)).isEqualTo(ApplyOutcome.reload("groups added: app2"));
        assertThat(backend.forecast(grown).reloadReason()).hasValue("pools grown: group_app1 1 to 2 slots; targets changed: app1");
        assertThat(backend.apply(grown)).isEqualTo(ApplyOutcome.reload("pools grown: group_app1 1 to 2 slots; targets changed: app1"));
    }

    @Test
    void withoutRuntimeUpdatesAChangeIsForecastAsAReload() {
        HaproxyBackend backend = rig.backend(port, Map.of("runtime-updates", false));
        backend.apply(state(1, group("app1", "/app1", rig.replica("r1"))));

        assertThat(backend.forecast(state(2, group("app1", "/app1", rig.replica("r2")))).reloadReason())
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("runtime updates are off: targets changed: app1"));
    }

    @Test
    void aRuntimeCommandRefusedAfterARuntimeForecastIsNoReloadYetAndTheNextApplyReloads() throws Exception {
        HaproxyBackend backend = rig.backend(port, NO_RECONCILE);
        backend.apply(state(1, group("app1", "/app1", rig.replica("r1"))));
        long pid = backend.status().pid().orElseThrow();
        RoutingState changed = state(2, group("app1", "/app1", rig.replica("r2")));

        assertThat(backend.forecast(changed).needsReload()).isFalse();
        try (RefusingAdminSocket refusing = new RefusingAdminSocket(adminSocket())) {
            assertThatThrownBy(() -> backend.apply(changed))
                    .isInstanceOf(ReloadNeededException.class)
                    .hasMessageStartingWith("revision 2 was forecast to need no reload, but the runtime update failed:")
                    .hasMessageContaining("\"Permission denied\"");
            assertThat(refusing.refusedBatches()).isEqualTo(1);
        }

        assertThat(backend.status().pid()).as("no reload in the apply that was promised none").hasValue(pid);
        assertThat(HttpProbe.get(port, "/app1").body()).as("the state before keeps serving").isEqualTo("r1");
        assertThat(rig.metrics(backend).count("steward_haproxy_runtime_fallbacks_total", "apply")).isEqualTo(1);
        ApplyForecast next = backend.forecast(changed);
        assertThat(next.reloadReason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("the runtime update failed: HAProxy runtime API command \"set server group_app1/"));
        ApplyOutcome reloaded = backend.apply(changed);
        assertThat(reloaded.mode()).isEqualTo(ApplyMode.RELOAD);
        assertThat(reloaded.reason()).isEqualTo(next.reloadReason().orElseThrow());
        assertThat(backend.status().pid().orElseThrow()).isNotEqualTo(pid);
        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("r2");
        assertThat(backend.forecast(state(3, group("app1", "/app1", rig.replica("r3")))).needsReload())
                .as("nothing is owed once the reload served").isFalse();
    }

    @Test
    void theOwedReloadIsTakenByTheNextApplyWhateverItsState() throws Exception {
        HaproxyBackend backend = rig.backend(port, NO_RECONCILE);
        Replica one = rig.replica("r1");
        backend.apply(state(1, group("app1", "/app1", one)));
        long pid = backend.status().pid().orElseThrow();
        RoutingState changed = state(2, group("app1", "/app1", rig.replica("r2")));
        backend.forecast(changed);
        try (RefusingAdminSocket refusing = new RefusingAdminSocket(adminSocket())) {
            assertThatThrownBy(() -> backend.apply(changed)).isInstanceOf(ReloadNeededException.class);
        }

        // Back to what runs: on its own it would change nothing, but a reload is owed.
        ApplyOutcome outcome = backend.apply(state(3, group("app1", "/app1", one)));

        assertThat(outcome.mode()).isEqualTo(ApplyMode.RELOAD);
        assertThat(outcome.reason()).startsWith("the runtime update failed:");
        assertThat(backend.status().pid().orElseThrow()).isNotEqualTo(pid);
        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("r1");
    }

    @Test
    void aSlotHaproxyNoLongerRunsAfterARuntimeForecastIsNoReloadYetAndTheNextApplyReloads() {
        HaproxyBackend backend = rig.backend(port, NO_RECONCILE);
        Replica one = rig.replica("r1");
        Replica two = rig.replica("r2");
        backend.apply(state(1, group("app1", "/app1", one)));
        long pid = backend.status().pid().orElseThrow();
        // The free slot 2 removed behind Steward's back: nothing at runtime can put a target there.
        assertThat(rig.runtimeApi().execute("del server group_app1/slot2").strip()).isEqualTo("Server deleted.");
        RoutingState both = state(2, group("app1", "/app1", one, two));

        assertThat(backend.forecast(both).needsReload()).as("the planner knows the slots as they were set").isFalse();
        assertThatThrownBy(() -> backend.apply(both))
                .isInstanceOf(ReloadNeededException.class)
                .hasMessage("revision 2 was forecast to need no reload, but HAProxy runs no server group_app1/slot2; it is not served"
                        + " yet, the next apply reloads");
        assertThat(backend.status().pid()).hasValue(pid);

        ApplyOutcome outcome = backend.apply(both);

        assertThat(outcome).isEqualTo(ApplyOutcome.reload("HAProxy runs no server group_app1/slot2"));
        assertThat(backend.status().pid().orElseThrow()).isNotEqualTo(pid);
        assertThat(Set.of(HttpProbe.get(port, "/app1").body(), HttpProbe.get(port, "/app1").body()))
                .as("round robin over both slots").containsExactlyInAnyOrder("r1", "r2");
    }

    @Test
    void anApplyWithoutARuntimeForecastStillFallsBackToAReloadAtOnce() {
        HaproxyBackend backend = rig.backend(port, NO_RECONCILE);
        Replica one = rig.replica("r1");
        backend.apply(state(1, group("app1", "/app1", one)));
        long pid = backend.status().pid().orElseThrow();
        rig.runtimeApi().execute("del server group_app1/slot2");
        RoutingState both = state(2, group("app1", "/app1", one, rig.replica("r2")));
        // A forecast of another state promises nothing for this one.
        backend.forecast(state(3, group("app1", "/app1", one)));

        ApplyOutcome outcome = backend.apply(both);

        assertThat(outcome).isEqualTo(ApplyOutcome.reload("HAProxy runs no server group_app1/slot2"));
        assertThat(backend.status().pid().orElseThrow()).isNotEqualTo(pid);
    }

    @Test
    void aProcessThatExitsAfterARuntimeForecastIsStartedAgainByTheNextApply() {
        // The test wants the apply to find no process; the backend's own supervisor must not restart it first.
        HaproxyBackend backend = rig.backend(port, Map.of("restart.delay", "10m", "restart.max-delay", "10m"));
        backend.apply(state(1, group("app1", "/app1", rig.replica("r1"))));
        long pid = backend.status().pid().orElseThrow();
        RoutingState changed = state(2, group("app1", "/app1", rig.replica("r2")));
        assertThat(backend.forecast(changed).needsReload()).isFalse();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        Eventually.await("HAProxy is gone", () -> !isAlive(pid) && backend.status().pid().isEmpty());

        assertThatThrownBy(() -> backend.apply(changed))
                .isInstanceOf(ReloadNeededException.class)
                .hasMessageContaining("had exited");

        ApplyOutcome outcome = backend.apply(changed);
        assertThat(outcome.mode()).isEqualTo(ApplyMode.RELOAD);
        assertThat(outcome.reason()).contains("had exited");
        assertThat(HttpProbe.get(port, "/app1").body()).isEqualTo("r2");
    }

    @Test
    void anAdoptedProcessIsForecastAsItsFirstApplyFindsIt() {
        Replica one = rig.replica("r1");
        Replica two = rig.replica("r2");
        long pid = keptRunning(state(1, group("app1", "/app1", one)));
        HaproxyBackend after = rig.backend(port);
        RoutingState changed = state(2, group("app1", "/app1", one, two));

        ApplyForecast forecast = after.forecast(changed);
        ApplyOutcome outcome = after.apply(changed);

        assertThat(forecast.needsReload()).as(forecast.toString()).isFalse();
        assertThat(outcome.mode()).isEqualTo(ApplyMode.RUNTIME);
        assertThat(after.status().pid()).hasValue(pid);
    }

    @Test
    void anAdoptedProcessOnOtherSettingsIsForecastAsTheReloadItsFirstApplyTakes() {
        Replica one = rig.replica("r1");
        long pid = keptRunning(state(1, group("app1", "/app1", one)));
        HaproxyBackend after = rig.backend(port, Map.of("timeouts.client", "31s"));
        RoutingState next = state(2, group("app1", "/app1", one));
        String reason = "the adopted HAProxy spawn 1 (pid " + pid + ", adopted) runs another configuration than revision 2 renders";

        assertThat(after.forecast(next).reloadReason()).hasValue(reason);
        assertThat(after.apply(next)).isEqualTo(ApplyOutcome.reload(reason));
    }

    /** Applies {@code state} with a backend that is then closed keeping HAProxy: the next backend takes it over. */
    private long keptRunning(RoutingState state) {
        HaproxyBackend before = rig.backend(port);
        before.apply(state);
        long pid = before.status().pid().orElseThrow();
        rig.register(() -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        before.close(ProxyStop.KEEP);
        return pid;
    }

    private Path adminSocket() {
        return dataDirectory.resolve("run/admin.sock");
    }
}
