package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.haproxy.output.AccessLogReceiver;
import dev.steward.loopback.LoadLoop;
import dev.steward.loopback.LoadReport;
import dev.steward.testkit.Eventually;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HAProxy's access log reaches a logger or a syslog server, and a sink that falls behind never holds HAProxy back. */
class AccessLogTest extends RigTest {
    private static final Logger log = LoggerFactory.getLogger(AccessLogTest.class);

    @Test
    void eachRequestIsALineOfTheAccessLogger() {
        HaproxyBackend backend = rig.backend(port);
        try (LogCapture access = LogCapture.of(AccessLogReceiver.LOGGER)) {
            backend.apply(state(1, group("app1", "/app1", rig.replica("app1-r1"))));

            for (int request = 1; request <= 3; request++) {
                assertThat(HttpProbe.get(port, "/app1/x" + request).status()).isEqualTo(200);
            }

            Eventually.await("three request lines", () -> requestLines(access).size() == 3);
            assertThat(requestLines(access)).allSatisfy(line -> assertThat(line)
                    .matches("127\\.0\\.0\\.1:\\d+ \\[.*] steward group_app1/slot1 \\S+ 200 .* \"GET /app1/x\\d HTTP/1\\.1\""));
        }
        assertThat(dataDirectory.resolve("run/access.sock")).exists();
        backend.close();
        assertThat(dataDirectory.resolve("run/access.sock")).as("the socket goes with the backend").doesNotExist();
    }

    @Test
    void aLoggerThatStopsLosesLinesAndCountsThemWhileHaproxyServesOnAtFullSpeed() {
        try (LogCapture stalled = LogCapture.blocking(AccessLogReceiver.LOGGER)) {
            HaproxyBackend backend = rig.backend(port, Map.of("access-log.queue-size", 16));
            backend.apply(state(1, group("app1", "/app1", rig.replica("app1-r1"))));
            AdminProbe admin = rig.register(AdminProbe.start(rig.runtimeApi()));
            LoadLoop load = rig.load(port, "/app1", 4);

            load.awaitMoreResponses(3000);
            LoadReport result = load.stop();
            AdminProbe.Result answers = admin.stop();

            log.info("Measured: with the access logger stalled: {}; admin socket: {}; dropped {} lines", result, answers,
                    rig.metrics(backend).count(AccessLogReceiver.DROPPED_METRIC));
            assertThat(result.failed() + result.refused() + result.non2xx()).as(result.toString()).isZero();
            assertThat(answers.failures()).as(answers.toString()).isZero();
            assertThat(rig.metrics(backend).count(AccessLogReceiver.DROPPED_METRIC))
                    .as("lines past the queue are dropped and counted").isGreaterThan(result.responses() / 2);
            assertThat(stalled.messages()).isEmpty();

            stalled.release();
            Eventually.await("the queued lines reach the logger", () -> stalled.messages().size() >= 16);
            assertThat(HttpProbe.get(port, "/app1/after").status()).isEqualTo(200);
            Eventually.await("lines flow again", () -> stalled.messages().stream().anyMatch(line -> line.contains("GET /app1/after")));
        }
    }

    @Test
    void toASyslogServerLinesGoOverUdpWithTheirFacility() throws IOException {
        try (DatagramChannel syslog = DatagramChannel.open(); Selector selector = Selector.open()) {
            syslog.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            syslog.bind(new InetSocketAddress("127.0.0.1", 0));
            syslog.configureBlocking(false);
            syslog.register(selector, SelectionKey.OP_READ);
            int syslogPort = ((InetSocketAddress) syslog.getLocalAddress()).getPort();
            rig.backend(port, Map.of("access-log.target", "syslog", "access-log.syslog-address", "127.0.0.1:" + syslogPort,
                    "access-log.facility", "local2")).apply(state(1, group("app1", "/app1", rig.replica("app1-r1"))));

            assertThat(HttpProbe.get(port, "/app1/over-udp").status()).isEqualTo(200);

            List<String> received = new ArrayList<>();
            Eventually.await("the request's line arrives", () -> {
                received.addAll(receive(syslog, selector));
                return received.stream().anyMatch(line -> line.contains("GET /app1/over-udp"));
            });
            // local2 (18) at level info (6): priority 18 * 8 + 6.
            assertThat(received).filteredOn(line -> line.contains("GET /app1/over-udp")).singleElement()
                    .satisfies(line -> assertThat(line).startsWith("<150>"));
            assertThat(dataDirectory.resolve("run/access.sock")).doesNotExist();
        }
    }

    private static List<String> requestLines(LogCapture access) {
        return access.messages().stream().filter(line -> line.contains("\"GET ")).toList();
    }

    private static List<String> receive(DatagramChannel channel, Selector selector) {
        List<String> lines = new ArrayList<>();
        try {
            selector.select(100);
            selector.selectedKeys().clear();
            ByteBuffer buffer = ByteBuffer.allocate(65536);
            while (channel.receive(buffer) != null) {
                buffer.flip();
                lines.add(StandardCharsets.UTF_8.decode(buffer).toString());
                buffer.clear();
            }
        } catch (IOException problem) {
            throw new IllegalStateException(problem);
        }
        return lines;
    }
}
