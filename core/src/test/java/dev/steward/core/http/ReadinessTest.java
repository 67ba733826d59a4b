package dev.steward.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.steward.api.proxy.BackendStatus;
import dev.steward.core.engine.EngineStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReadinessTest {
    private static final BackendStatus RUNNING =
            BackendStatus.builder().pid(100).detail("serving").build();

    private static EngineStatus engine(long received, Optional<Long> applied, Optional<String> lastError) {
        return new EngineStatus(received, applied, 0, 0, 0, 0, 0, 0, 0, false, lastError, Optional.empty());
    }

    @Test
    void readyWhenTheNewestAcceptedRevisionIsAppliedAndTheProxyRuns() {
        Readiness readiness = Readiness.of(engine(7, Optional.of(7L), Optional.empty()), RUNNING);

        assertThat(readiness.ready()).isTrue();
        assertThat(readiness.toJson()).containsExactly(entry("ready", true), entry("revision", 7L));
    }

    @Test
    void notReadyBeforeAnyApply() {
        Readiness readiness = Readiness.of(engine(0, Optional.empty(), Optional.empty()), RUNNING);

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.reason()).isEqualTo("revision 0 accepted, none applied yet");
    }

    @Test
    void notReadyWhileBehindAndSaysWhyTheLastApplyFailed() {
        Readiness readiness = Readiness.of(engine(7, Optional.of(6L), Optional.of("haproxy -c: unknown keyword")), RUNNING);

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.reason()).isEqualTo("revision 7 accepted, 6 applied; the last apply failed: haproxy -c: unknown keyword");
        assertThat(readiness.toJson()).containsEntry("reason", readiness.reason());
    }

    @Test
    void notReadyWhenTheProxyIsNotRunning() {
        BackendStatus restarting = BackendStatus.builder().restarts(1).detail("restarting in 2s").build();

        Readiness readiness = Readiness.of(engine(7, Optional.of(7L), Optional.empty()), restarting);

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.reason()).isEqualTo("revision 7 applied, but the proxy is not running: restarting in 2s");
    }
}
