package dev.steward.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.proxy.ProxyStop;
import dev.steward.core.testing.Answer;
import dev.steward.core.testing.RunningDaemon;
import dev.steward.loopback.LoadLoop;
import dev.steward.loopback.LoadReport;
import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upgrade as an operator does it: the daemon stops over its API leaving HAProxy serving, a target
 * changes while it is away, and the next daemon on the same data directory takes the running HAProxy
 * over (same pid, no spawn, no reload) and applies the change at runtime, while clients send requests
 * through HAProxy the whole time and not one fails.
 */
class RestartKeepingHaproxyTest {
    private static final Logger log = LoggerFactory.getLogger(RestartKeepingHaproxyTest.class);
    private static final String TOKEN = "restart-test-token-0123456789";
    private static final Duration STOPPED = Duration.ofSeconds(30);
    /** Requests HAProxy must answer while no daemon runs. */
    private static final long SERVED_ALONE = 2000;
    private static final int CLIENTS = 4;

    @TempDir
    Path home;

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private Path targets;
    private String settings;
    private int proxyPort;

    @BeforeEach
    void prepare() {
        targets = home.resolve("targets.conf");
        proxyPort = FreePort.pick();
        settings = """
                broadcast-sources = [file]
                sources.file.path = "%s"
                """.formatted(targets);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable resource : cleanup.reversed()) {
            resource.close();
        }
    }

    @Test
    void haproxyServesWhileTheDaemonIsAwayAndTheNextOneTakesItOverAndConvergesAtRuntimeWithoutAFailedRequest()
            throws IOException {
        Replica leaving = started(Replica.start("app1 leaving"));
        Replica staying = started(Replica.start("app1 staying"));
        Replica arriving = started(Replica.start("app1 arriving"));
        write(leaving, staying);
        RunningDaemon first = started(RunningDaemon.start(home, TOKEN, settings, proxyPort));
        long pid = haproxy(first, "pid");
        long spawn = haproxy(first, "spawn");
        cleanup.add(() -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        LoadLoop load = started(LoadLoop.to(proxyPort).routes(Map.of("/app1", "app1")).connections(CLIENTS).start());
        awaitMoreRequests(load, SERVED_ALONE);

        Answer stop = first.api().post("/v1/stop?proxy=keep", "");
        assertThat(stop.status()).as(stop.toString()).isEqualTo(202);
        assertThat(stop.json()).containsEntry("proxy", "keep").containsEntry("proxyPid", (int) pid);
        first.awaitStopped(STOPPED);
        LoadReport down = load.report();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("HAProxy with no daemon").hasValue(true);
        awaitMoreRequests(load, SERVED_ALONE);
        LoadReport stillDown = load.report();
        write(staying, arriving);

        RunningDaemon second = started(RunningDaemon.start(home, TOKEN, settings, proxyPort));

        assertThat(haproxy(second, "pid")).as("the HAProxy pid after the restart").isEqualTo(pid);
        assertThat(haproxy(second, "spawn")).as("spawns after the restart").isEqualTo(spawn);
        Map<String, Object> applies = applies(second);
        assertThat(applies).as("applies after the restart").containsEntry("reload", 0).containsEntry("failed", 0);
        Eventually.await("the arriving replica serves", Duration.ofSeconds(10), () -> body(second).equals("app1 arriving"));
        for (int i = 0; i < 20; i++) {
            assertThat(body(second)).as("answer %d after the take-over", i).isNotEqualTo("app1 leaving");
        }
        awaitMoreRequests(load, SERVED_ALONE);
        load.close();
        LoadReport total = load.report();
        log.info("Measured: {} requests across the restart ({} while no daemon ran), {} errors, {} misroutes; applies after"
                + " the restart {}", total.requests(), stillDown.requests() - down.requests(), total.errors(), total.misroutes(),
                applies);
        assertThat(total.errors()).as("failed requests across the restart").isZero();
        assertThat(total.misroutes()).as("misrouted requests across the restart").isZero();

        second.stop(ProxyStop.STOP);
        Eventually.await("HAProxy stops with the daemon", STOPPED, () -> ProcessHandle.of(pid).isEmpty()
                || !ProcessHandle.of(pid).get().isAlive());
    }

    private <T extends AutoCloseable> T started(T resource) {
        cleanup.add(resource);
        return resource;
    }

    private void awaitMoreRequests(LoadLoop load, long count) {
        long target = load.report().requests() + count;
        Eventually.await(count + " more requests through HAProxy", Duration.ofSeconds(30), () -> load.report().requests() >= target);
    }

    /** Replaces the routing state file the way editors do: a new file renamed over the old one. */
    private void write(Replica... replicas) throws IOException {
        StringBuilder list = new StringBuilder();
        for (Replica replica : replicas) {
            list.append("{ host = \"127.0.0.1\", port = ").append(replica.port()).append(", replicaId = \"")
                    .append(replica.id().replace(' ', '-')).append("\" }\n");
        }
        Path next = Files.writeString(home.resolve("targets.conf.next"), """
                targetGroups = [ { name = app1, routePrefix = "/app1", targets = [
                %s] } ]
                fallbackTargets = []
                """.formatted(list));
        Files.move(next, targets, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static long haproxy(RunningDaemon daemon, String field) {
        Map<?, ?> haproxy = (Map<?, ?>) daemon.api().get("/v1/status").json().get("haproxy");
        return ((Number) haproxy.get(field)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> applies(RunningDaemon daemon) {
        return (Map<String, Object>) daemon.api().get("/v1/status").json().get("applies");
    }

    private static String body(RunningDaemon daemon) {
        try {
            return daemon.viaProxy("/app1").body();
        } catch (IOException problem) {
            return "no answer: " + problem.getMessage();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
