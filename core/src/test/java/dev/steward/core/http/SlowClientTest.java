package dev.steward.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.testing.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that sends half a request holds nobody up, and is cut off after the request timeout. */
class SlowClientTest {
    private static final int STALLED_CLIENTS = 50;

    @RegisterExtension
    final ApiFixture api = ApiFixture.started();
    private final List<Socket> stalled = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : stalled) {
            socket.close();
        }
    }

    private Socket stall(String partialRequest) throws IOException {
        InetSocketAddress address = api.server.address().orElseThrow();
        Socket socket = new Socket(address.getAddress(), address.getPort());
        stalled.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(partialRequest.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    @Test
    void stalledClientsDoNotKeepOthersWaiting() throws IOException {
        for (int i = 0; i < STALLED_CLIENTS; i++) {
            stall("PUT /v1/target-groups HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"targ");
            stall("GET /v1/status HTTP/1.1\r\nHost: x\r\n");
        }

        Answer answer = api.client().get("/v1/status");

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void aStalledRequestIsClosedAfterTheRequestTimeout() throws IOException {
        Socket socket = stall("PUT /v1/target-groups HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
        // A generous bound: the server checks its deadlines about once a second.
        socket.setSoTimeout((int) ApiFixture.REQUEST_TIMEOUT.plus(Duration.ofSeconds(10)).toMillis());
        long start = System.nanoTime();

        InputStream in = socket.getInputStream();
        int read;
        try {
            read = in.read();
        } catch (java.net.SocketException reset) {
            read = -1;
        }

        assertThat(read).as("the server closes the connection instead of answering").isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(ApiFixture.REQUEST_TIMEOUT.minusMillis(1100));
        assertThat(api.engine.state().revision()).isZero();
    }
}
