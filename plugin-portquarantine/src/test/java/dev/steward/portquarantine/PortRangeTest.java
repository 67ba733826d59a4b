package dev.steward.portquarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortRangeTest {
    @Test
    void readsLowDashHigh() {
        assertThat(PortRange.parse("20000-29999")).contains(new PortRange(20000, 29999));
        assertThat(PortRange.parse("1-65535")).contains(new PortRange(1, 65535));
        assertThat(PortRange.parse("8080-8080")).contains(new PortRange(8080, 8080));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "20000", "0-10", "1-65536", "300-200", "a-b", " 1-2", "1-2 ", "1 - 2", "-1-2", "1-2-3", "100000-2"})
    void rejectsAnythingElse(String text) {
        assertThat(PortRange.parse(text)).isEqualTo(Optional.empty());
    }

    @Test
    void containsBothEnds() {
        PortRange range = new PortRange(20000, 20002);
        assertThat(range.contains(20000)).isTrue();
        assertThat(range.contains(20002)).isTrue();
        assertThat(range.contains(19999)).isFalse();
        assertThat(range.contains(20003)).isFalse();
    }
}
