package dev.steward.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelRulesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "app1", "App_1.v2-x", "0", "a234567890123456789012345678901234567890123456789012345678901234"})
    void acceptsNames(String name) {
        assertThat(ModelRules.requireName("name", name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", ".a", "_a", "a b", "a#b", "a\nb", "a/b", "a\"b", "a'b",
        "a2345678901234567890123456789012345678901234567890123456789012345"})
    void rejectsNamesOutsideTheAlphabet(String name) {
        assertThatThrownBy(() -> ModelRules.requireName("targetGroups[0].name", name))
                .isInstanceOf(InvalidBroadcastException.class)
                .hasMessageStartingWith("targetGroups[0].name: must match [A-Za-z0-9][A-Za-z0-9_.-]{0,63}, found \"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/app1", "/app1/v2", "/a-b_c.d~e", "/x:y@z", "/%41"})
    void acceptsRoutePrefixes(String prefix) {
        assertThat(ModelRules.requireRoutePrefix("routePrefix", prefix)).isEqualTo(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "app", "/app/", "//", "/a//b", "/a b", "/a#b", "/a\nb", "/a\tb", "/a\"b", "/a'b", "/a\\b",
        "/a$b", "/a?b", "/\u0000"})
    void rejectsRoutePrefixesThatCouldBreakAConfigLine(String prefix) {
        assertThatThrownBy(() -> ModelRules.requireRoutePrefix("routePrefix", prefix))
                .isInstanceOf(InvalidBroadcastException.class)
                .hasMessageContaining("routePrefix: must be \"/\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "::1", "fe80::1", "2001:db8::8a2e:370:7334", "localhost",
        "replica-1.example.com", "a.b"})
    void acceptsHosts(String host) {
        assertThat(ModelRules.requireHost("host", host)).isEqualTo(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "256.1.1.1", "1.2.3", "a b", "host#1", "-host", "host-", "a..b", "[::1]", "1:2:3", "host:80",
        "h\nserver evil 1.2.3.4:80"})
    void rejectsHosts(String host) {
        assertThatThrownBy(() -> ModelRules.requireHost("host", host))
                .isInstanceOf(InvalidBroadcastException.class)
                .hasMessageContaining("host: must be an IP literal or a DNS name");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void rejectsPortsOutOfRange(int port) {
        assertThatThrownBy(() -> ModelRules.requirePort("port", port))
                .hasMessage("port: must be between 1 and 65535, found " + port);
    }

    @org.junit.jupiter.api.Test
    void quotesControlCharactersSoAMessageStaysOneLine() {
        assertThat(ModelRules.quote("a\nb\u0001\"")).isEqualTo("\"a\\nb\\u0001\\\"\"");
        assertThat(ModelRules.quote("x".repeat(100))).endsWith("...\"").hasSize(80 + 5);
    }
}
