package dev.steward.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.steward.api.ports.HoldLimit;
import dev.steward.api.proxy.RetirementBound;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortHoldCheckTest {
    private static final Duration WINDOW = Duration.ofMillis(100);
    private static final RetirementBound HAPROXY_DEFAULTS = new RetirementBound(Duration.ofSeconds(340),
            "start-timeout 10s + retiring.wait 30s + hard-stop-after 5m");
    private static final Config CONFIG = ConfigFactory.parseString("steward.port-quarantine.cap = 5m",
            ConfigParseOptions.defaults().setOriginDescription("steward.conf"));

    private static Optional<String> problem(Duration cap, RetirementBound bound) {
        return PortHoldCheck.problem(Optional.of(new HoldLimit(cap, "cap")), "steward.port-quarantine", Optional.of(bound),
                "steward.haproxy", WINDOW, CONFIG).map(Object::toString);
    }

    @Test
    void aCapNoLongerThanAnOldProcessMayRouteIsRefusedWithTheSumAndTheFix() {
        assertThat(problem(Duration.ofMinutes(5), HAPROXY_DEFAULTS)).contains("steward.port-quarantine.cap (steward.conf:1):"
                + " must be longer than an old proxy process may still route to a released port: steward.coalesce.window"
                + " 100ms + steward.haproxy start-timeout 10s + retiring.wait 30s + hard-stop-after 5m = 5m 40.1s, found 5m;"
                + " set it to 6m or more, or lower those settings");
        assertThat(problem(Duration.ofMillis(340_100), HAPROXY_DEFAULTS)).as("equal is not longer").isPresent();
        RetirementBound raised = new RetirementBound(Duration.ofMinutes(30).plusSeconds(40),
                "start-timeout 10s + retiring.wait 30s + hard-stop-after 30m");
        assertThat(problem(Duration.ofMinutes(10), raised)).hasValueSatisfying(message -> assertThat(message)
                .contains("= 30m 40.1s, found 10m; set it to 31m or more"));
    }

    @Test
    void aLongerCapPasses() {
        assertThat(problem(Duration.ofMillis(340_101), HAPROXY_DEFAULTS)).isEmpty();
        assertThat(problem(Duration.ofMinutes(10), HAPROXY_DEFAULTS)).isEmpty();
    }

    @Test
    void nothingIsComparedWhenEitherSideHasNoBound() {
        assertThat(PortHoldCheck.problem(Optional.empty(), "steward.port-quarantine", Optional.of(HAPROXY_DEFAULTS),
                "steward.haproxy", WINDOW, CONFIG)).isEmpty();
        assertThat(PortHoldCheck.problem(Optional.of(new HoldLimit(Duration.ofSeconds(1), "cap")), "steward.port-quarantine",
                Optional.empty(), "steward.haproxy", WINDOW, CONFIG)).isEmpty();
    }

    @Test
    void aCapLeftAtItsDefaultHasNoOrigin() {
        assertThat(PortHoldCheck.problem(Optional.of(new HoldLimit(Duration.ofMinutes(5), "cap")), "steward.other-policy",
                Optional.of(HAPROXY_DEFAULTS), "steward.haproxy", WINDOW, CONFIG))
                .hasValueSatisfying(problem -> {
                    assertThat(problem.path()).isEqualTo("steward.other-policy.cap");
                    assertThat(problem.origin()).isEmpty();
                });
    }
}
