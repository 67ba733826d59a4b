package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.Balance;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.RetryPolicy;
import dev.steward.api.model.TargetGroup;
import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A group's retry choice, against a real HAProxy: a replica that closes the connection without a byte of
 * answer after it read the request (it died holding it) is what the choices differ on; a refused
 * connection, which no replica saw, is retried elsewhere whatever the choice.
 */
class RetryPolicyTest extends RigTest {
    /** After the first check at start, none runs during a test: only the requests decide. */
    private static final HealthCheck NO_CHECK_IN_TIME = new HealthCheck(Optional.empty(), Duration.ofHours(1), 2, 3);
    private static final int REQUESTS = 6;

    private Replica closer;
    private Replica healthy;

    private void serve(RetryPolicy retry) {
        closer = rig.replica("closer", Replica.Behaviour.CLOSE_WITHOUT_ANSWER);
        healthy = rig.replica("healthy");
        rig.backend(port).apply(state(1, new TargetGroup("app1", "/app1", Optional.empty(),
                List.of(closer.target(), healthy.target()), Balance.ROUND_ROBIN, NO_CHECK_IN_TIME, retry)));
    }

    private List<HttpProbe.Response> send(String method) {
        return IntStream.range(0, REQUESTS).mapToObj(i -> request(method)).toList();
    }

    @Test
    void allMethodsSendsAPostWhoseReplicaDiedHoldingItToAnotherOne() {
        serve(RetryPolicy.ALL_METHODS);

        List<HttpProbe.Response> posts = send("POST");

        assertThat(posts).as("every POST answered by the healthy replica")
                .allSatisfy(response -> assertThat(response.body()).isEqualTo("healthy"));
        assertThat(closer.requests()).as("POSTs that reached the dying replica first, and ran again elsewhere").isPositive();
        assertThat(healthy.requests()).isEqualTo(REQUESTS);
    }

    @Test
    void safeMethodsAnswersAnUnsafeRequestWithAnErrorAndStillRetriesAGet() {
        serve(RetryPolicy.SAFE_METHODS);

        List<HttpProbe.Response> posts = send("POST");
        long postsAtCloser = closer.requests();

        assertThat(postsAtCloser).isPositive();
        assertThat(posts).filteredOn(response -> response.status() == 502).as("each POST the replica held failed, once")
                .hasSize((int) postsAtCloser);
        assertThat(healthy.requests()).as("no POST ran twice").isEqualTo(REQUESTS - postsAtCloser);

        List<HttpProbe.Response> gets = send("GET");
        assertThat(gets).allSatisfy(response -> assertThat(response.body()).isEqualTo("healthy"));
        assertThat(closer.requests()).as("GETs reached the dying replica too, and were retried").isGreaterThan(postsAtCloser);
    }

    @Test
    void connectionFailuresOnlyAnswersEvenAGetWhoseReplicaDiedHoldingItWithAnError() {
        serve(RetryPolicy.CONNECTION_FAILURES);

        List<HttpProbe.Response> gets = send("GET");

        assertThat(closer.requests()).isPositive();
        assertThat(gets).filteredOn(response -> response.status() == 502).hasSize((int) closer.requests());
        assertThat(healthy.requests()).isEqualTo(REQUESTS - closer.requests());
    }

    @ParameterizedTest
    @EnumSource(RetryPolicy.class)
    void aRefusedConnectionIsRetriedElsewhereWhateverTheChoice(RetryPolicy retry) {
        Replica doomed = rig.replica("doomed");
        Replica survivor = rig.replica("survivor");
        rig.backend(port).apply(state(1, new TargetGroup("app1", "/app1", Optional.empty(),
                List.of(doomed.target(), survivor.target()), Balance.ROUND_ROBIN, NO_CHECK_IN_TIME, retry)));
        RuntimeApi api = rig.runtimeApi();
        Eventually.await("the first checks pass", () -> OperationalState.of(api, "group_app1", "slot1").equals("2")
                && OperationalState.of(api, "group_app1", "slot2").equals("2"));
        doomed.kill();
        Eventually.await("the doomed replica refuses connections", () -> refuses(doomed.target().port()));

        assertThat(send("POST")).allSatisfy(response -> assertThat(response.body()).isEqualTo("survivor"));
        assertThat(survivor.requests()).isEqualTo(REQUESTS);
        assertThat(stat(api, "group_app1", "slot1", "wredis")).as("POSTs sent to the dead replica first, then elsewhere")
                .isPositive();
    }

    private static boolean refuses(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    /** One of HAProxy's own counters of one server, from {@code show stat}. */
    private static long stat(RuntimeApi api, String backend, String server, String column) {
        List<String> lines = api.execute("show stat").lines().toList();
        int index = List.of(lines.getFirst().replaceFirst("^# ", "").split(",")).indexOf(column);
        return lines.stream().map(line -> line.split(",", -1))
                .filter(fields -> fields[0].equals(backend) && fields[1].equals(server))
                .mapToLong(fields -> fields[index].isEmpty() ? 0 : Long.parseLong(fields[index]))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no server " + backend + "/" + server + " in show stat"));
    }

    /** One request, without a body, on a fresh connection. */
    private HttpProbe.Response request(String method) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            String request = method + " /app1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return HttpProbe.parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException problem) {
            throw new UncheckedIOException(method + " /app1 on port " + port + " failed", problem);
        }
    }
}
