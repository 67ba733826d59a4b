package dev.steward.haproxy;

import static dev.steward.haproxy.TestRig.group;
import static dev.steward.haproxy.TestRig.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.Balance;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.loopback.Replica;
import dev.steward.testkit.Eventually;
import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every error HAProxy makes answers with Steward's JSON page; optionally the gateway errors with one status. */
class ErrorPagesTest extends RigTest {

    @Test
    void aRouteWhoseReplicasAreAllDownAnswersTheServiceUnavailablePage() {
        rig.backend(port).apply(state(1, List.of(allDown("app1")), List.of()));

        Eventually.await("the replica is marked down", () -> HttpProbe.get(port, "/app1").status() == 503);
        assertPage(HttpProbe.get(port, "/app1"), 503, "no server is available to handle this request");
    }

    @Test
    void aReplicaThatClosesTheConnectionMidRequestGivesTheBadGatewayPage() {
        Replica closing = rig.replica("closing", Replica.Behaviour.CLOSE_WITHOUT_ANSWER);
        rig.backend(port).apply(state(1, group("app1", "/app1", closing)));

        assertPage(HttpProbe.get(port, "/app1"), 502, "the replica sent no valid response");
    }

    @Test
    void aReplicaThatDoesNotAnswerInTimeGivesTheGatewayTimeoutPage() {
        Replica silent = rig.replica("silent", Replica.Behaviour.SILENT);
        rig.backend(port, Map.of("timeouts.server", "300ms")).apply(state(1, group("app1", "/app1", silent)));

        assertPage(HttpProbe.get(port, "/app1"), 504, "the replica did not answer in time");
    }

    /**
     * HAProxy 2.6 answers a request it cannot parse, and a request head that does not arrive in time, in its
     * HTTP/1 layer before any rule or error page applies: the status is right, the body is HAProxy's own.
     * The pages for 400 and 408 serve those errors where HAProxy raises them while processing a request.
     */
    @Test
    void aRequestThatIsNotHttpOrArrivesTooSlowlyGetsItsStatus() {
        rig.backend(port, Map.of("timeouts.http-request", "300ms")).apply(state(1, group("app1", "/app1", rig.replica("app1"))));

        assertThat(raw("NOT HTTP AT ALL\r\n\r\n").status()).isEqualTo(400);
        assertThat(raw("GET /app1 HTTP/1.1\r\nHost: local").status()).isEqualTo(408);
    }

    @Test
    void withGatewayErrorsNormalisedEachAnswersWithTheConfiguredStatusAndItsOwnReason() {
        Replica closing = rig.replica("closing", Replica.Behaviour.CLOSE_WITHOUT_ANSWER);
        Replica silent = rig.replica("silent", Replica.Behaviour.SILENT);
        Replica busy = rig.replica("busy", Replica.Behaviour.ANSWER_503);
        rig.backend(port, Map.of("gateway-error-status", 500, "timeouts.server", "300ms")).apply(state(1, List.of(
                group("closing", "/closing", closing),
                group("silent", "/silent", silent),
                group("busy", "/busy", busy),
                new TargetGroup("empty", "/empty", List.of())), List.of()));

        assertPage(HttpProbe.get(port, "/closing"), 500, "the replica sent no valid response");
        assertPage(HttpProbe.get(port, "/silent"), 500, "the replica did not answer in time");
        assertPage(HttpProbe.get(port, "/empty"), 500, "no server is available to handle this request");
        HttpProbe.Response own = HttpProbe.get(port, "/busy");
        assertThat(own.status()).as("a replica's own 503 is never changed").isEqualTo(503);
        assertThat(own.body()).isEqualTo(Replica.OWN_503_BODY);
    }

    private static void assertPage(HttpProbe.Response response, int status, String reason) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":" + status + ",\"reason\":\"" + reason + "\"}");
    }

    /** A group whose only target is a port nobody listens on, checked every 100 ms. */
    private static TargetGroup allDown(String name) {
        return new TargetGroup(name, "/" + name, Optional.empty(), List.of(new Target("127.0.0.1", FreePort.pick(), name + "-gone")),
                Balance.ROUND_ROBIN, new HealthCheck(Optional.empty(), Duration.ofMillis(100), 1, 1));
    }

    /** Sends bytes as they are and reads the answer HAProxy gives before it closes. */
    private HttpProbe.Response raw(String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return HttpProbe.parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException problem) {
            throw new UncheckedIOException(problem);
        }
    }
}
