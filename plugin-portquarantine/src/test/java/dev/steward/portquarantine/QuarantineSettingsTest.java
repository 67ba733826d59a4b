package dev.steward.portquarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.api.config.Settings;
import dev.steward.api.ports.HoldLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuarantineSettingsTest {
    private static QuarantineSettings read(String overrides) {
        return QuarantineSettings.read(Settings.of(Policies.settings(overrides), Policies.SETTINGS_PATH));
    }

    @Test
    void referenceConfHasADefaultForEveryKey() {
        assertThat(read("")).isEqualTo(new QuarantineSettings(
                Duration.ofSeconds(10), new PortRange(20000, 29999), Duration.ofMinutes(10), true, "ports.state"));
        assertThat(Policies.reference().getConfig(Policies.SETTINGS_PATH).root().keySet())
                .containsExactlyInAnyOrder("window", "range", "cap", "convergence-gate", "state-file");
    }

    @Test
    void readsEveryKey() {
        assertThat(read("""
                window = 30s
                range = "31000-31099"
                cap = 2m
                convergence-gate = false
                state-file = "quarantine.state"
                """)).isEqualTo(new QuarantineSettings(
                Duration.ofSeconds(30), new PortRange(31000, 31099), Duration.ofMinutes(2), false, "quarantine.state"));
    }

    @Test
    void theCapIsTheLongestHoldOnlyWhileAPortWaitsForTheProxies() {
        assertThat(read("").holdLimit()).contains(new HoldLimit(Duration.ofMinutes(10), "cap"));
        assertThat(read("cap = 40m").holdLimit()).contains(new HoldLimit(Duration.ofMinutes(40), "cap"));
        assertThat(read("window = 0").holdLimit()).as("no quarantine: nothing is held").isEmpty();
        assertThat(read("convergence-gate = false").holdLimit()).as("the window alone: no wait for the proxies").isEmpty();
    }

    @Test
    void theEnvironmentVariableOverridesTheWindowAndZeroDisablesQuarantine() {
        var resolved = ConfigFactory.parseString("STEWARD_PORT_QUARANTINE = \"0\"")
                .withFallback(Policies.reference())
                .resolve(ConfigResolveOptions.noSystem())
                .getConfig(Policies.SETTINGS_PATH);

        QuarantineSettings settings = QuarantineSettings.read(Settings.of(resolved, Policies.SETTINGS_PATH));
        assertThat(settings.window()).isZero();
        assertThat(settings.quarantines()).isFalse();
    }

    @Test
    void aWindowFromTheEnvironmentWithoutAUnitIsRefusedWithTheFix() {
        // The seed's own variable counted seconds: STEWARD_PORT_QUARANTINE=10 was a 10 ms quarantine here.
        var resolved = ConfigFactory.parseString("STEWARD_PORT_QUARANTINE = \"10\"",
                        ConfigParseOptions.defaults().setOriginDescription("env variables"))
                .withFallback(Policies.reference())
                .resolve(ConfigResolveOptions.noSystem())
                .getConfig(Policies.SETTINGS_PATH);

        assertThatThrownBy(() -> QuarantineSettings.read(Settings.of(resolved, Policies.SETTINGS_PATH)))
                .isInstanceOfSatisfying(InvalidConfigException.class, problem -> assertThat(problem.problems())
                        .extracting(Object::toString)
                        .containsExactly("steward.port-quarantine.window (env variables:1): a duration needs a unit, found"
                                + " \"10\": write \"10s\" for 10 seconds or \"10ms\" for 10 milliseconds"));
    }

    @Test
    void reportsEveryBadKeyAtOnceWithItsPath() {
        assertThatThrownBy(() -> read("""
                window = 2h
                range = "30000-20000"
                cap = soon
                state-file = "../ports.state"
                """))
                .isInstanceOfSatisfying(InvalidConfigException.class, problem -> assertThat(problem.problems())
                        .extracting(Object::toString)
                        .containsExactly(
                                "steward.port-quarantine.window (steward.conf:1): expected a duration from PT0S to PT1H, found PT2H",
                                "steward.port-quarantine.cap (steward.conf:3): expected a duration such as 100ms, 10s or 5m, found \"soon\"",
                                "steward.port-quarantine.range (steward.conf:2): expected \"low-high\" with 1 <= low <= high <= 65535,"
                                        + " found \"30000-20000\"",
                                "steward.port-quarantine.state-file (steward.conf:4): expected a file name matching"
                                        + " [A-Za-z0-9][A-Za-z0-9_.-]{0,63}, found \"../ports.state\""));
    }

    @Test
    void theCapMayNotBeShorterThanTheWindow() {
        assertThatThrownBy(() -> read("window = 1m\ncap = 30s"))
                .isInstanceOfSatisfying(InvalidConfigException.class, problem -> assertThat(problem.problems())
                        .extracting(Object::toString)
                        .containsExactly("steward.port-quarantine.cap (steward.conf:2): must be at least window (PT1M), found PT30S"));
    }
}
