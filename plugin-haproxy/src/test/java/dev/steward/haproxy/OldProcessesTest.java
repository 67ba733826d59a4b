package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.isAlive;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.model.TargetGroup;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.haproxy.process.RetiringGate;
import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Old, soft-stopping processes: bounded in number (a reload past the bound waits and says so), bounded
 * in life (hard-stop-after), and rid of idle keep-alive connections (close-spread-time).
 */
class OldProcessesTest extends RigTest {
    private static final Logger log = LoggerFactory.getLogger(OldProcessesTest.class);

    private Replica slow;

    @BeforeEach
    void startSlowReplica() {
        slow = rig.register(Replica.holding("slow"));
    }

    @Test
    void aReloadPastTheAllowedNumberOfOldProcessesWaitsForOneToExitAndSaysSo() throws Exception {
        HaproxyBackend backend = rig.backend(port, Map.of("retiring.max", 1, "retiring.wait", "10s"));
        long oldPid = oneOldProcessHoldingARequest(backend);
        long servingPid = backend.status().pid().orElseThrow();
        CompletableFuture<ApplyOutcome> third;
        try (LogCapture gate = LogCapture.of(RetiringGate.class)) {
            third = CompletableFuture.supplyAsync(() -> backend.apply(state(3, groups("app1", "app2", "app3"))), rig.background());

            String waits = "the reload for revision 3 waits: 1 old HAProxy process (pid " + oldPid
                    + ") still finishes its connections, and steward.haproxy.retiring.max allows 1";
            Eventually.await("the status says the reload waits", () -> backend.status().detail().equals("serving revision 2; " + waits));
            assertThat(gate.messages()).anySatisfy(message -> assertThat(message).startsWith(waits));
            assertThat(backend.status().pid()).hasValue(servingPid);
            assertThat(StatusDetails.spawn(backend.status())).isEqualTo(2);
            assertThat(third).isNotDone();

            slow.release();

            assertThat(third.get(10, TimeUnit.SECONDS).reason()).isEqualTo("groups added: app3");
            assertThat(gate.messages()).anySatisfy(message -> assertThat(message).startsWith("The reload for revision 3 goes ahead"));
        }
        assertThat(isAlive(oldPid)).isFalse();
        assertThat(backend.status().detail()).isEqualTo("serving revision 3");
        assertThat(StatusDetails.spawn(backend.status())).isEqualTo(3);
    }

    @Test
    void aReloadThatWaitsLongerThanAllowedFailsAndTheServingProcessStays() throws Exception {
        HaproxyBackend backend = rig.backend(port, Map.of("retiring.max", 1, "retiring.wait", "300ms"));
        long oldPid = oneOldProcessHoldingARequest(backend);
        long servingPid = backend.status().pid().orElseThrow();
        String live = Files.readString(dataDirectory.resolve("haproxy.cfg"));

        assertThatThrownBy(() -> backend.apply(state(3, groups("app1", "app2", "app3"))))
                .isInstanceOf(ApplyException.class)
                .hasMessage("no reload for revision 3: 1 old HAProxy process (pid " + oldPid + ") still finishes its"
                        + " connections, and steward.haproxy.retiring.max allows 1, and none exited within 300 ms");

        assertThat(backend.status().pid()).hasValue(servingPid);
        assertThat(backend.status().detail()).isEqualTo("serving revision 2");
        assertThat(Files.readString(dataDirectory.resolve("haproxy.cfg"))).isEqualTo(live);
        assertThat(HttpProbe.get(port, "/app2").status()).as("revision 2 still serves").isEqualTo(503);
        slow.release();
    }

    @Test
    void hardStopAfterEndsAnOldProcessThatStillHasARequest() throws Exception {
        Duration hardStopAfter = Duration.ofSeconds(1);
        HaproxyBackend backend = rig.backend(port, Map.of("hard-stop-after", "1s", "close-spread-time", "500ms"));
        backend.apply(state(1, groups("app1")));
        long oldPid = backend.status().pid().orElseThrow();
        CompletableFuture<HttpProbe.Response> held = CompletableFuture.supplyAsync(() -> HttpProbe.get(port, "/app1"), rig.background());
        slow.awaitHeldRequest();

        long reloaded = System.nanoTime();
        backend.apply(state(2, groups("app1", "app2")));

        Eventually.await("the old process is stopped by hard-stop-after", () -> !isAlive(oldPid));
        long lived = (System.nanoTime() - reloaded) / 1_000_000;
        log.info("Measured: the old process with a held request exited {} ms after the reload (hard-stop-after {} ms)", lived,
                hardStopAfter.toMillis());
        assertThat(lived).isGreaterThanOrEqualTo(hardStopAfter.toMillis() - 100);
        assertThat(held).failsWithin(Duration.ofSeconds(5));
        assertThat(StatusDetails.retiring(backend.status())).isEmpty();
    }

    @Test
    void anIdleKeepAliveConnectionOfAnOldProcessIsClosedSoonAfterTheReload() throws Exception {
        slow.release();
        HaproxyBackend backend = rig.backend(port, Map.of("hard-stop-after", "30s", "close-spread-time", "1s"));
        backend.apply(state(1, groups("app1")));
        long oldPid = backend.status().pid().orElseThrow();
        try (Socket idle = new Socket()) {
            idle.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            idle.setSoTimeout(10_000);
            idle.getOutputStream().write("GET /app1 HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = idle.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200");
            in.skipNBytes(contentLength(head));

            long reloaded = System.nanoTime();
            backend.apply(state(2, groups("app1", "app2")));

            assertThat(in.read()).as("the old process closes the idle connection").isEqualTo(-1);
            long closedAfter = (System.nanoTime() - reloaded) / 1_000_000;
            log.info("Measured: the old process closed an idle keep-alive connection {} ms after the reload (close-spread-time"
                    + " 1000 ms, hard-stop-after 30000 ms)", closedAfter);
            assertThat(closedAfter).isLessThan(Duration.ofSeconds(10).toMillis());
        }
        Eventually.await("the old process exits long before hard-stop-after", () -> !isAlive(oldPid));
    }

    /** Revision 1 serves app1 by the slow replica, which holds a request; revision 2 adds app2 and retires the first process. */
    private long oneOldProcessHoldingARequest(HaproxyBackend backend) throws InterruptedException {
        backend.apply(state(1, groups("app1")));
        long oldPid = backend.status().pid().orElseThrow();
        CompletableFuture.runAsync(() -> HttpProbe.get(port, "/app1"), rig.background());
        slow.awaitHeldRequest();
        backend.apply(state(2, groups("app1", "app2")));
        assertThat(StatusDetails.retiring(backend.status())).singleElement().satisfies(old -> assertThat(old.pid()).isEqualTo(oldPid));
        return oldPid;
    }

    /** app1 is served by the slow replica; the other groups have no target. */
    private List<TargetGroup> groups(String... names) {
        return Arrays.stream(names)
                .map(name -> new TargetGroup(name, "/" + name, name.equals("app1") ? List.of(slow.target()) : List.of()))
                .toList();
    }

    private static String readHead(InputStream in) {
        StringBuilder head = new StringBuilder();
        try {
            while (!head.toString().endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    throw new IllegalStateException("the connection closed after " + head);
                }
                head.append((char) next);
            }
        } catch (IOException problem) {
            throw new UncheckedIOException(problem);
        }
        return head.toString();
    }

    private static long contentLength(String head) {
        return head.lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .mapToLong(line -> Long.parseLong(line.substring("content-length:".length()).strip()))
                .findFirst()
                .orElseThrow();
    }
}
