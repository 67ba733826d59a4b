package dev.steward.core.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo replica's behaviours, as a client on loopback sees them; and a bounded load that ends by itself. */
class DemoReplicaTest {
    private final List<DemoReplica> replicas = new ArrayList<>();

    @AfterEach
    void stopReplicas() {
        replicas.forEach(DemoReplica::close);
    }

    @Test
    void answersWithItsDeploymentAndIdSlowlyIfAskedAndAfterARestartOnTheSamePort() throws IOException {
        DemoReplica replica = keep(DemoReplica.start("shop", "shop-r1", 0));
        assertThat(get(replica.port())).endsWith("\r\n\r\n" + DemoReplica.body("shop", "shop-r1"));

        replica.slowDown(Duration.ofMillis(200));
        long start = System.nanoTime();
        assertThat(get(replica.port())).startsWith("HTTP/1.1 200");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

        DemoReplica restarted = keep(replica.restart());
        assertThat(restarted.port()).isEqualTo(replica.port());
        assertThat(get(restarted.port())).endsWith(DemoReplica.body("shop", "shop-r1"));
    }

    @Test
    void closesBeforeAnsweringOrInTheMiddleOfAnAnswerWhenToldTo() throws IOException {
        DemoReplica replica = keep(DemoReplica.start("shop", "shop-r1", 0));

        replica.behave(DemoReplica.Behaviour.CLOSE_BEFORE_ANSWER);
        assertThat(get(replica.port())).isEmpty();

        replica.behave(DemoReplica.Behaviour.CLOSE_MID_RESPONSE);
        String body = DemoReplica.body("shop", "shop-r1");
        String cut = get(replica.port());
        assertThat(cut).startsWith("HTTP/1.1 200").contains("Content-length: " + body.length());
        assertThat(cut.substring(cut.indexOf("\r\n\r\n") + 4)).isEqualTo(body.substring(0, body.length() / 2));
    }

    @Test
    void aClosedReplicaRefusesConnections() {
        DemoReplica replica = DemoReplica.start("shop", "shop-r1", 0);
        replica.close();

        assertThatThrownBy(() -> get(replica.port())).isInstanceOf(IOException.class);
    }

    @Test
    void aBoundedLoadEndsByItselfAndCountsWhatItSaw() {
        DemoReplica replica = keep(DemoReplica.start("shop", "shop-r1", 0));

        LoadReport report = LoadLoop.bounded(URI.create("http://127.0.0.1:" + replica.port()), Map.of("/shop", "shop"), 2,
                Duration.ofMillis(500)).awaitEnd();

        assertThat(report.requests()).isPositive();
        assertThat(report.errors() + report.misroutes()).as(report.toString()).isZero();
    }

    private DemoReplica keep(DemoReplica replica) {
        replicas.add(replica);
        return replica;
    }

    /** Everything the replica sends to one GET before it closes the connection. */
    private static String get(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /shop HTTP/1.1\r\nHost: demo\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
