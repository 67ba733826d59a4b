package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.loopback.LoadReport;
import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The regression test of the original deadlock: HAProxy in debug mode writes every request to its
 * stdout. With that output on a pipe nobody reads, the 64 KB pipe buffer fills in moments, HAProxy
 * blocks in write(2), throughput falls to a trickle and the admin socket stops answering (see
 * docs/haproxy.md). With output in a file, as Steward spawns it, HAProxy under thousands of requests a
 * second keeps its admin socket answering and its throughput within the same order as without debug.
 */
class LogFloodTest {
    private static final Logger log = LoggerFactory.getLogger(LogFloodTest.class);
    /** Long enough for many rotations and thousands of admin commands; short enough for a shared machine. */
    private static final Duration WINDOW = Duration.ofSeconds(3);
    /**
     * The bound the contract states for show info under the flood. It is held by 95 % of the answers:
     * a shared machine can deschedule any process now and then, and the bug this guards against is a
     * socket that stops answering for seconds, which {@link #STALL_MICROS} catches in every answer.
     */
    private static final long ADMIN_P95_BOUND_MICROS = 100_000;
    private static final long STALL_MICROS = 2_000_000;

    @TempDir
    Path quietDirectory;
    @TempDir
    Path floodDirectory;

    @Test
    void debugOutputUnderLoadNeitherStallsTheAdminSocketNorThroughput() throws Exception {
        Measurement quiet = measure(quietDirectory, Map.of());
        Measurement flood = measure(floodDirectory, Map.of("debug-output", true, "log-max-size", "1MiB", "log-rotations", 1));

        log.info("Measured without debug output: {}; admin socket: {}", quiet.load(), quiet.admin());
        log.info("Measured with debug output (-d): {}; admin socket: {}; stdout now {} bytes, {} bytes in its rotated copy",
                flood.load(), flood.admin(), flood.stdoutBytes(), flood.rotatedBytes());
        for (Measurement measurement : new Measurement[] {quiet, flood}) {
            assertThat(measurement.load().failed() + measurement.load().refused() + measurement.load().non2xx())
                    .as(measurement.load().toString()).isZero();
            assertThat(measurement.admin().failures()).as(measurement.admin().toString()).isZero();
            assertThat(measurement.admin().p95Micros()).as(measurement.admin().toString()).isLessThan(ADMIN_P95_BOUND_MICROS);
            assertThat(measurement.admin().maxMicros()).as(measurement.admin().toString()).isLessThan(STALL_MICROS);
        }
        assertThat(flood.load().perSecond()).as("thousands of requests a second").isGreaterThan(1000);
        assertThat(flood.load().perSecond()).as("the same order as without debug output")
                .isGreaterThan(quiet.load().perSecond() / 10);
        assertThat(flood.stdoutBytes()).as("HAProxy wrote every request to stdout").isPositive();
        assertThat(flood.rotatedBytes()).as("the stdout file was rotated past its bound").isPositive();
    }

    private record Measurement(LoadReport load, AdminProbe.Result admin, long stdoutBytes, long rotatedBytes) {}

    private static Measurement measure(Path dataDirectory, Map<String, ?> overrides) throws Exception {
        try (TestRig rig = new TestRig(dataDirectory)) {
            int port = FreePort.pick();
            HaproxyBackend backend = rig.backend(port, overrides);
            backend.apply(state(1, group("app1", "/app1", rig.replica("app1-r1"), rig.replica("app1-r2"))));
            AdminProbe admin = rig.register(AdminProbe.start(rig.runtimeApi()));
            LoadReport load = rig.load(port, "/app1", 4).runFor(WINDOW);
            AdminProbe.Result answers = admin.stop();
            Path stdout = Path.of(StatusDetails.stderrLog(backend.status()).orElseThrow().replace(".stderr.log", ".stdout.log"));
            return new Measurement(load, answers, size(stdout), size(stdout.resolveSibling(stdout.getFileName() + ".1")));
        }
    }

    private static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }
}
