package dev.steward.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.steward.api.config.ConfigProblem;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.api.config.Settings;
import java.time.Duration;
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
