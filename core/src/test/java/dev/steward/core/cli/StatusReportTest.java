package dev.steward.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatusReportTest {
    private static final URI API = URI.create("http://127.0.0.1:9090");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Test
    void aDegradedDaemonSaysSoWithItsLastErrorItsOldProcessesAndWhatElseTheBackendReports() throws IOException {
        JsonNode status = json("""
                {"node": "proxy-1", "revision": {"received": 9, "applied": 7},
                 "applies": {"reload": 3, "runtime": 12, "failed": 5},
                 "broadcasts": {"accepted": 10, "rejected": 1, "coalesced": 2},
                 "haproxy": {"pid": 4711, "restarts": 1, "detail": "serving revision 7", "spawn": 4,
                             "frontend": "https://proxy.example:8443/", "stderrLog": "/data/haproxy/logs/haproxy.4.stderr.log",
                             "retiring": [{"pid": 4702, "revision": 6, "since": "2026-11-23T13:24:54Z"}],
                             "waiting": "the reload for revision 9 waits"},
                 "lastError": "haproxy -c: [ALERT] unknown keyword", "degraded": true}
                """);
        JsonNode state = json("""
                {"revision": 9, "targetGroups": [
                   {"name": "chat", "routePrefix": "/v1/chat", "routeHost": "api.example.com",
                    "targets": [{"host": "10.0.0.1", "port": 20001}, {"host": "10.0.0.2", "port": 20002}]},
                   {"name": "docs", "routePrefix": "/docs", "targets": []}],
                 "fallbackTargets": [{"host": "10.0.0.9", "port": 20100}]}
                """);

        String report = String.join("\n", StatusReport.of(API, status, state,
                new PortCounts(Map.of("gpu-2", Map.of("allocated", 3L), "gpu-10", Map.of("quarantined", 2L, "blocked", 1L)))));

        assertThat(report).isEqualTo("""
                Steward proxy-1 (API http://127.0.0.1:9090)
                  state       DEGRADED: applies keep failing, and the engine retries with a growing wait
                  revision    received 9, applied 7
                  applies     3 reloads, 12 runtime updates, 5 failed
                  broadcasts  10 accepted, 1 rejected, 2 coalesced
                  last error  haproxy -c: [ALERT] unknown keyword

                HAProxy: serving revision 7
                  process     pid 4711, spawn 4, 1 restart
                  clients     https://proxy.example:8443/
                  stderr      /data/haproxy/logs/haproxy.4.stderr.log
                  old         1 finishing connections:
                                pid 4702, revision 6, since 2026-11-23T13:24:54Z
                  waiting: the reload for revision 9 waits

                Routes: 2 groups, 1 fallback target (revision 9)
                  chat  api.example.com/v1/chat  2 targets
                  docs  /docs                    0 targets

                Ports (replica nodes):
                  gpu-10  0 allocated, 2 quarantined, 1 blocked
                  gpu-2   3 allocated, 0 quarantined, 0 blocked""");
    }

    @Test
    void beforeTheFirstApplyNothingIsServedAndNothingIsMadeUp() throws IOException {
        JsonNode status = json("""
                {"node": "proxy-1", "revision": {"received": 0, "applied": null},
                 "applies": {"reload": 0, "runtime": 0, "failed": 0},
                 "broadcasts": {"accepted": 0, "rejected": 0, "coalesced": 0},
                 "haproxy": {"pid": null, "restarts": 0, "detail": "not started", "spawn": 0, "stderrLog": null, "retiring": []},
                 "lastError": null, "degraded": false}
                """);
        JsonNode state = json("{\"revision\": 0, \"targetGroups\": [], \"fallbackTargets\": []}");

        assertThat(StatusReport.of(API, status, state, new PortCounts(Map.of()))).containsExactly(
                "Steward proxy-1 (API http://127.0.0.1:9090)",
                "  state       a newer revision is on its way to HAProxy",
                "  revision    received 0, applied none yet",
                "  applies     0 reloads, 0 runtime updates, 0 failed",
                "  broadcasts  0 accepted, 0 rejected, 0 coalesced",
                "  last error  none",
                "",
                "HAProxy: not started",
                "  process     no process running, spawn 0, 0 restarts",
                "  old         none finishing connections",
                "",
                "Routes: 0 groups, 0 fallback targets (revision 0)",
                "",
                "Ports: none on any replica node (the port policy's steward_ports metric has no series)");
    }

    @Test
    void manyRoutesKeepToOneScreenAndSayHowManyMoreThereAre() throws IOException {
        String groups = IntStream.range(0, 40)
                .mapToObj(i -> "{\"name\": \"g%02d\", \"routePrefix\": \"/g%02d\", \"targets\": []}".formatted(i, i))
                .collect(Collectors.joining(","));
        JsonNode state = json("{\"revision\": 3, \"targetGroups\": [" + groups + "], \"fallbackTargets\": []}");

        String report = String.join("\n", StatusReport.of(API, json("{}"), state, new PortCounts(Map.of())));

        assertThat(report).contains("Routes: 40 groups").contains("  g00  /g00  0 targets")
                .contains("  g14  /g14  0 targets").doesNotContain("g15")
                .contains("  ... and 25 more (GET /v1/state lists them all)");
    }
}
