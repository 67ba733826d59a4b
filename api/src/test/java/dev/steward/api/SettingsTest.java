package dev.steward.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.steward.api.config.ConfigProblem;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.api.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static Settings settings(String text) {
        return Settings.of(ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription("steward.conf")),
                "steward.x");
    }

    @Test
    void readsTypedValues() {
        Settings settings = settings("""
                name = "a"
                count = 3
                window = 100ms
                size = 10MiB
                on = true
                list = [a, b]
                env = "7"
                """);
        assertThat(settings.string("name")).isEqualTo("a");
        assertThat(settings.integer("count", 0, 10)).isEqualTo(3);
        assertThat(settings.duration("window", Duration.ZERO, Duration.ofMinutes(1))).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.bytes("size", 0, Long.MAX_VALUE)).isEqualTo(10L * 1024 * 1024);
        assertThat(settings.bool("on")).isTrue();
        assertThat(settings.strings("list")).containsExactly("a", "b");
        assertThat(settings.integer("env", 0, 10)).as("environment variables arrive as strings").isEqualTo(7);
        settings.validate();
    }

    @Test
    void collectsEveryProblemWithPathAndOrigin() {
        Settings settings = settings("""
                count = 30
                window = fast
                on = maybe
                """);
        settings.integer("count", 0, 10);
        settings.duration("window", Duration.ZERO, Duration.ofMinutes(1));
        settings.bool("on");
        settings.string("missing");

        assertThatThrownBy(settings::validate)
                .isInstanceOfSatisfying(InvalidConfigException.class, problem -> assertThat(problem.problems())
                        .extracting(Object::toString)
                        .containsExactly(
                                "steward.x.count (steward.conf:1): expected an integer from 0 to 10, found 30",
                                "steward.x.window (steward.conf:2): expected a duration such as 100ms, 10s or 5m, found \"fast\"",
                                "steward.x.on (steward.conf:3): expected true or false, found \"maybe\"",
                                "steward.x.missing: is required"));
    }

    @Test
    void aDurationWithoutAUnitIsRefusedWithTheFix() {
        Settings settings = settings("""
                file = 10
                env = "10"
                padded = " 10 "
                fraction = 1.5
                exponent = 1e3
                """);
        for (String key : List.of("file", "env", "padded", "fraction", "exponent")) {
            settings.duration(key, Duration.ZERO, Duration.ofDays(1));
        }
        assertThatThrownBy(settings::validate)
                .isInstanceOfSatisfying(InvalidConfigException.class, problem -> assertThat(problem.problems())
                        .extracting(Object::toString)
                        .containsExactly(
                                "steward.x.file (steward.conf:1): a duration needs a unit, found 10: write \"10s\" for 10"
                                        + " seconds or \"10ms\" for 10 milliseconds",
                                "steward.x.env (steward.conf:2): a duration needs a unit, found \"10\": write \"10s\" for 10"
                                        + " seconds or \"10ms\" for 10 milliseconds",
                                "steward.x.padded (steward.conf:3): a duration needs a unit, found \" 10 \": write \"10s\" for"
                                        + " 10 seconds or \"10ms\" for 10 milliseconds",
                                "steward.x.fraction (steward.conf:4): a duration needs a unit, found 1.5: write \"1.5s\" for"
                                        + " 1.5 seconds or \"1.5ms\" for 1.5 milliseconds",
                                "steward.x.exponent (steward.conf:5): a duration needs a unit, found 1000: write \"1000s\" for"
                                        + " 1000 seconds or \"1000ms\" for 1000 milliseconds"));
    }

    @Test
    void zeroNeedsNoUnitAndEveryUnitIsRead() {
        Settings settings = settings("""
                zero = 0
                zeroText = "0"
                zeroFraction = 0.0
                millis = 10ms
                seconds = "10s"
                spaced = "10 s"
                minutes = 5m
                """);
        assertThat(settings.duration("zero", Duration.ZERO, Duration.ofDays(1))).isZero();
        assertThat(settings.duration("zeroText", Duration.ZERO, Duration.ofDays(1))).isZero();
        assertThat(settings.duration("zeroFraction", Duration.ZERO, Duration.ofDays(1))).isZero();
        assertThat(settings.duration("millis", Duration.ZERO, Duration.ofDays(1))).isEqualTo(Duration.ofMillis(10));
        assertThat(settings.duration("seconds", Duration.ZERO, Duration.ofDays(1))).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.duration("spaced", Duration.ZERO, Duration.ofDays(1))).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.duration("minutes", Duration.ZERO, Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(5));
        settings.validate();
    }

    @Test
    void anEnvironmentOverrideWithoutAUnitIsRefusedUnderItsKey() {
        // How a reference.conf reads an override: `window = 10s`, then `window = ${?STEWARD_X}`.
        Config resolved = ConfigFactory.parseMap(Map.of("STEWARD_X", "10"))
                .withFallback(ConfigFactory.parseString("x { window = 10s\nwindow = ${?STEWARD_X} }"))
                .resolve()
                .getConfig("x");
        Settings settings = Settings.of(resolved, "steward.x");
        settings.duration("window", Duration.ZERO, Duration.ofDays(1));
        assertThat(settings.problems()).extracting(ConfigProblem::path, ConfigProblem::reason)
                .containsExactly(tuple("steward.x.window",
                        "a duration needs a unit, found \"10\": write \"10s\" for 10 seconds or \"10ms\" for 10 milliseconds"));
    }

    @Test
    void aSectionReportsUnderItsOwnPath() {
        Settings settings = settings("inner { port = -1 }");
        settings.section("inner").integer("port", 1, 65535);
        assertThat(settings.problems()).extracting(ConfigProblem::path).containsExactly("steward.x.inner.port");
    }

    @Test
    void aKeySetToNullIsReportedLikeAMissingOne() {
        Settings settings = settings("token = null");
        settings.string("token");
        settings.problem("token", "is needed with user");
        assertThat(settings.problems()).extracting(Object::toString)
                .containsExactly("steward.x.token: is required", "steward.x.token: is needed with user");
    }
}
