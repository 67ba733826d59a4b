package dev.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AckTest {
    @Test
    void roundTripsThroughItsJson() {
        Ack ack = new Ack(120, 118);
        assertThat(ack.json()).isEqualTo("{\"applied\": 120, \"settled\": 118}");
        assertThat(Ack.parse(ack.json())).contains(ack);
    }

    @Test
    void anythingElseIsNoAcknowledgement() {
        for (String bad : List.of("120", "{}", "{\"applied\": 1}", "{\"applied\": 1, \"settled\": 2}",
                "{\"applied\": \"x\", \"settled\": 0}", "{\"applied\": 2, \"settled\": 1, \"more\": 0}", "not json")) {
            assertThat(Ack.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void settledNeverPassesApplied() {
        assertThatThrownBy(() -> new Ack(1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
