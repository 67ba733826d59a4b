package dev.steward.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PortCountsTest {
    @Test
    void readsEachNodesCountsFromThePrometheusTextWhateverTheLabelOrder() {
        String metrics = """
                # HELP steward_ports Replica ports by state
                # TYPE steward_ports gauge
                steward_ports{node="gpu-1",state="allocated"} 3.0
                steward_ports{state="quarantined",node="gpu-1"} 1.0
                steward_ports{node="gpu-2",state="blocked"} 2
                steward_ports_returned_at_cap_total{node="gpu-1"} 7.0
                steward_revision{stage="applied"} 12.0
                steward_ports{node="odd \\"name\\"",state="allocated"} 1.0
                """;

        assertThat(PortCounts.parse(metrics).byNode()).isEqualTo(Map.of(
                "gpu-1", Map.of("allocated", 3L, "quarantined", 1L),
                "gpu-2", Map.of("blocked", 2L),
                "odd \\\"name\\\"", Map.of("allocated", 1L)));
    }

    @Test
    void metricsWithoutThePortSeriesHaveNoNodes() {
        assertThat(PortCounts.parse("steward_revision{stage=\"applied\"} 1.0\n").byNode()).isEmpty();
        assertThat(PortCounts.parse("").byNode()).isEmpty();
    }
}
