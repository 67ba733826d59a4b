package dev.steward.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.model.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each behaviour of a replica, as a client on loopback sees it. */
class ReplicaTest {
    private static final String GET = "GET /shop HTTP/1.1\r\nHost: demo\r\nConnection: close\r\n\r\n";

    private final List<Replica> replicas = new ArrayList<>();

    @AfterEach
    void stopReplicas() {
        replicas.forEach(Replica::close);
    }

    @Test
    void answersWithItsDeploymentAndIdSlowlyIfAskedAndAfterARestartOnTheSamePort() throws IOException {
        Replica replica = keep(Replica.named("shop-r1").body(Replica.bodyOf("shop", "shop-r1")).start());
        assertThat(get(replica.port())).endsWith("\r\n\r\n" + Replica.bodyOf("shop", "shop-r1"));

        replica.slowDown(Duration.ofMillis(200));
        long start = System.nanoTime();
        assertThat(get(replica.port())).startsWith("HTTP/1.1 200");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

        Replica restarted = keep(replica.restart());
        assertThat(restarted.port()).isEqualTo(replica.port());
        assertThat(get(restarted.port())).endsWith(Replica.bodyOf("shop", "shop-r1"));
    }

    @Test
    void answersWithItsIdAndNamesItselfAsATarget() throws IOException {
        Replica replica = keep(Replica.start("app1-r1"));

        assertThat(get(replica.port())).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\napp1-r1");
        assertThat(replica.target()).isEqualTo(new Target("127.0.0.1", replica.port(), "app1-r1"));
    }

    @Test
    void closesBeforeAnsweringOrInTheMiddleOfAnAnswerWhenToldTo() throws IOException {
        Replica replica = keep(Replica.named("shop-r1").body(Replica.bodyOf("shop", "shop-r1")).start());

        replica.behave(Replica.Behaviour.CLOSE_WITHOUT_ANSWER);
        assertThat(get(replica.port())).isEmpty();

        replica.behave(Replica.Behaviour.PARTIAL_THEN_CLOSE);
        String body = Replica.bodyOf("shop", "shop-r1");
        String cut = get(replica.port());
        assertThat(cut).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-length: " + body.length());
        assertThat(cut.substring(cut.indexOf("\r\n\r\n") + 4)).isEqualTo(body.substring(0, body.length() / 2));
    }

    @Test
    void answersItsOwn503WhenToldTo() throws IOException {
        Replica replica = keep(Replica.named("busy").behaviour(Replica.Behaviour.ANSWER_503).start());

        assertThat(get(replica.port())).startsWith("HTTP/1.1 503 ").endsWith("\r\n\r\n" + Replica.OWN_503_BODY);
        assertThat(replica.requests()).isEqualTo(1);
    }

    @Test
    void holdsEveryRequestUntilReleased() throws Exception {
        Replica replica = keep(Replica.holding("slow"));

        CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> getUnchecked(replica.port()));
        replica.awaitHeldRequest();
        assertThat(held).isNotDone();
        replica.release();

        assertThat(held.get(10, TimeUnit.SECONDS)).endsWith("\r\n\r\nslow");
        assertThat(get(replica.port())).as("a request after the release").endsWith("\r\n\r\nslow");
    }

    @Test
    void aSilentReplicaNeverAnswersUntilItIsKilled() throws IOException {
        Replica replica = keep(Replica.named("silent").behaviour(Replica.Behaviour.SILENT).start());

        try (Socket socket = connect(replica.port(), 300)) {
            send(socket, GET);
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            replica.kill();
            socket.setSoTimeout(5000);
            assertThat(readAll(socket)).isEmpty();
        }
    }

    @Test
    void keepsAConnectionAliveAndCountsEveryRequestButTheHealthChecks() throws IOException {
        Replica replica = keep(Replica.named("r1").healthCheck(false).start());

        try (Socket socket = connect(replica.port(), 5000)) {
            send(socket, "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                    + "GET /d HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String answers = readAll(socket);
            assertThat(answers.split("HTTP/1.1 ", -1)).hasSize(6);
            assertThat(answers).contains("HTTP/1.1 503 ").endsWith("Connection: close\r\n\r\nr1");
        }
        assertThat(replica.requests()).isEqualTo(4);
        assertThat(replica.passedChecks()).isZero();
    }

    @Test
    void itsHealthEndpointPassesOrFailsAsToldAndNotesTheChecksPassedBeforeTheFirstRequest() throws IOException {
        Replica replica = keep(Replica.named("r1").healthCheck(false).start());
        assertThat(status(replica.port(), "/healthz")).isEqualTo(503);

        replica.healthy(true);
        assertThat(status(replica.port(), "/healthz")).isEqualTo(200);
        assertThat(status(replica.port(), "/healthz/deep")).isEqualTo(200);
        assertThat(replica.passedChecksAtFirstRequest()).isEqualTo(-1);
        assertThat(status(replica.port(), "/work")).isEqualTo(200);

        assertThat(replica.passedChecks()).isEqualTo(2);
        assertThat(replica.passedChecksAtFirstRequest()).isEqualTo(2);
        assertThat(replica.requests()).isEqualTo(1);
    }

    @Test
    void withoutAHealthEndpointTheHealthPathIsARequestLikeAnyOther() throws IOException {
        Replica replica = keep(Replica.start("r1"));

        assertThat(get(replica.port(), "/healthz")).endsWith("\r\n\r\nr1");
        assertThat(replica.requests()).isEqualTo(1);
    }

    @Test
    void aKilledReplicaRefusesConnectionsAndAnotherCanTakeItsPort() throws IOException {
        Replica replica = Replica.start("shop-r1");
        replica.kill();

        assertThatThrownBy(() -> get(replica.port())).isInstanceOf(IOException.class);
        Replica back = keep(Replica.startOn("shop-r2", replica.port()));
        assertThat(get(back.port())).endsWith("shop-r2");
    }

    @Test
    void aKillCutsTheConnectionsItHolds() throws Exception {
        Replica replica = Replica.holding("slow");
        CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> getUnchecked(replica.port()));
        replica.awaitHeldRequest();

        replica.kill();

        assertThat(held.get(10, TimeUnit.SECONDS)).as("what the held request got").doesNotContain("HTTP/");
    }

    @Test
    void aPortOutOfRangeIsRefusedWithItsValue() {
        assertThatThrownBy(() -> Replica.startOn("r1", 65536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
    }

    private Replica keep(Replica replica) {
        replicas.add(replica);
        return replica;
    }

    private static String get(int port) throws IOException {
        return get(port, "/shop");
    }

    /** Everything the replica sends to one GET before it closes the connection. */
    private static String get(int port, String path) throws IOException {
        try (Socket socket = connect(port, 5000)) {
            send(socket, "GET " + path + " HTTP/1.1\r\nHost: demo\r\nConnection: close\r\n\r\n");
            return readAll(socket);
        }
    }

    private static String getUnchecked(int port) {
        try {
            return get(port);
        } catch (IOException failed) {
            return "failed: " + failed;
        }
    }

    private static int status(int port, String path) throws IOException {
        return Integer.parseInt(get(port, path).substring(9, 12));
    }

    private static Socket connect(int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(timeoutMillis);
        return socket;
    }

    private static void send(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
