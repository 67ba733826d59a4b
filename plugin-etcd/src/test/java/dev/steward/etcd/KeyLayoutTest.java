package dev.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.model.BroadcastKind;
import org.junit.jupiter.api.Test;

class KeyLayoutTest {
    private final KeyLayout layout = new KeyLayout("/prod/steward");

    @Test
    void namesEveryKeyUnderThePrefix() {
        assertThat(layout.all()).isEqualTo("/prod/steward/");
        assertThat(layout.state(BroadcastKind.TARGET_GROUPS)).isEqualTo("/prod/steward/state/target-groups");
        assertThat(layout.state(BroadcastKind.FALLBACK_TARGETS)).isEqualTo("/prod/steward/state/fallback-targets");
        assertThat(layout.ack("node-1")).isEqualTo("/prod/steward/acks/node-1");
    }

    @Test
    void tellsWhatAKeyHolds() {
        assertThat(layout.stateKind("/prod/steward/state/fallback-targets")).contains(BroadcastKind.FALLBACK_TARGETS);
        assertThat(layout.stateKind("/prod/steward/state/other")).isEmpty();
        assertThat(layout.ackNode("/prod/steward/acks/node-1")).contains("node-1");
        assertThat(layout.ackNode("/prod/steward/acks/bad node")).isEmpty();
        assertThat(layout.ackNode("/prod/steward/state/target-groups")).isEmpty();
    }

    @Test
    void aPrefixIsSlashSeparatedSegmentsWithoutATrailingSlash() {
        assertThat(KeyLayout.isPrefix("/steward")).isTrue();
        assertThat(KeyLayout.isPrefix("/a/b_c/d.e-f")).isTrue();
        for (String bad : new String[] {"", "/", "steward", "/steward/", "//steward", "/ste ward", "/steward\n"}) {
            assertThat(KeyLayout.isPrefix(bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> new KeyLayout("/a/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix: expected");
    }
}
