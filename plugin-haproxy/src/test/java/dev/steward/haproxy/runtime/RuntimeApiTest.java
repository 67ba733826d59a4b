package dev.steward.haproxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.time.TimeSource;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a hand-made socket that plays HAProxy's part: answer and close, or never answer. */
class RuntimeApiTest {
    @TempDir
    Path directory;

    private ServerSocketChannel server;
    private final CountDownLatch done = new CountDownLatch(1);

    @AfterEach
    void stopServer() throws IOException {
        done.countDown();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sendsTheCommandAndReadsTheWholeAnswer() throws Exception {
        CompletableFuture<String> received = serve("Name: HAProxy\nVersion: 2.6.12\nPid: 4242\n\n");

        ShowInfo info = api(Duration.ofSeconds(2)).showInfo();

        assertThat(received.get()).isEqualTo("show info\n");
        assertThat(info.pid()).isEqualTo(4242);
        assertThat(info.fields()).containsEntry("Version", "2.6.12");
    }

    @Test
    void anAnswerWithoutPidIsAnErrorNamingTheCommand() throws Exception {
        serve("Unknown command.\n");

        assertThatThrownBy(() -> api(Duration.ofSeconds(2)).showInfo())
                .isInstanceOf(RuntimeApiException.class)
                .hasMessageContaining("\"show info\"")
                .hasMessageContaining("no Pid field: Unknown command.");
    }

    @Test
    void aSilentSocketTimesOutNamingTheCommand() throws Exception {
        serveWithoutAnswer();

        assertThatThrownBy(() -> api(Duration.ofMillis(200)).execute("show servers state"))
                .isInstanceOfSatisfying(RuntimeApiException.class, problem -> {
                    assertThat(problem.command()).isEqualTo("show servers state");
                    assertThat(problem).hasMessageContaining("no answer").hasMessageContaining("within 200 ms");
                });
    }

    @Test
    void aMissingSocketIsAnErrorNamingTheCommand() {
        assertThatThrownBy(() -> api(Duration.ofSeconds(1)).execute("show info"))
                .isInstanceOf(RuntimeApiException.class)
                .hasMessageContaining("\"show info\"")
                .hasMessageContaining(socket().toString());
    }

    @Test
    void oneCommandOnly() {
        assertThatThrownBy(() -> api(Duration.ofSeconds(1)).execute("show info\nshutdown frontend steward"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> api(Duration.ofSeconds(1)).execute("show info; show stat"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendsCommandsInOneLineAndTellsTheirAnswersApart() throws Exception {
        // HAProxy 2.6 ends each answer with an empty line; a command that succeeds silently answers only that.
        CompletableFuture<String> received = serve("no need to change the addr, port changed from '1' to '20007' by 'stats socket command'\n\n"
                + "\n"
                + "No such server.\n\n");

        List<String> answers = api(Duration.ofSeconds(2)).executeAll(List.of(
                "set server b/slot1 addr 127.0.0.1 port 20007", "set server b/slot1 state ready", "set server b/slot9 weight 2"));

        assertThat(received.get()).isEqualTo(
                "set server b/slot1 addr 127.0.0.1 port 20007; set server b/slot1 state ready; set server b/slot9 weight 2\n");
        assertThat(answers).containsExactly(
                "no need to change the addr, port changed from '1' to '20007' by 'stats socket command'\n", "", "No such server.\n");
    }

    @Test
    void manyCommandsTakeSeveralConnections() throws Exception {
        listen();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            while (true) {
                try (SocketChannel client = server.accept()) {
                    String line = readLine(client);
                    lines.add(line);
                    client.write(ByteBuffer.wrap("\n".repeat(line.split("; ").length).getBytes(StandardCharsets.UTF_8)));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        List<String> commands = IntStream.range(0, 500).mapToObj(i -> "set server group_app1/slot" + i + " state ready").toList();

        List<String> answers = api(Duration.ofSeconds(2)).executeAll(commands);

        assertThat(answers).hasSize(500).containsOnly("");
        assertThat(lines).hasSizeGreaterThan(1).allSatisfy(line -> assertThat(line.length()).isLessThan(4096));
        assertThat(String.join("; ", lines)).isEqualTo(String.join("; ", commands));
    }

    @Test
    void answersThatCannotBeToldApartAreAnError() throws Exception {
        serve("\n");

        assertThatThrownBy(() -> api(Duration.ofSeconds(2)).executeAll(List.of("set server b/s1 state ready", "set server b/s2 state ready")))
                .isInstanceOf(RuntimeApiException.class)
                .hasMessageContaining("expected 2 answers, found 1");
    }

    @Test
    void noCommandOfABatchMayHoldASeparator() {
        assertThatThrownBy(() -> api(Duration.ofSeconds(1)).executeAll(List.of("set server b/s1 state ready; shutdown frontend steward")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> api(Duration.ofSeconds(1)).executeAll(List.of("set server b/s1 state ready\nshutdown frontend steward")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(64 * 1024);
        while (request.position() == 0 || request.get(request.position() - 1) != '\n') {
            if (client.read(request) < 0) {
                break;
            }
        }
        return new String(request.array(), 0, request.position(), StandardCharsets.UTF_8).strip();
    }

    private RuntimeApi api(Duration timeout) {
        return new RuntimeApi(socket(), timeout, TimeSource.system());
    }

    private Path socket() {
        return directory.resolve("admin.sock");
    }

    private CompletableFuture<String> serve(String answer) throws IOException {
        listen();
        return CompletableFuture.supplyAsync(() -> {
            try (SocketChannel client = server.accept()) {
                ByteBuffer request = ByteBuffer.allocate(1024);
                while (request.position() == 0 || request.get(request.position() - 1) != '\n') {
                    client.read(request);
                }
                client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
                return new String(request.array(), 0, request.position(), StandardCharsets.UTF_8);
            } catch (IOException problem) {
                throw new IllegalStateException(problem);
            }
        });
    }

    private void serveWithoutAnswer() throws IOException {
        listen();
        Thread.ofVirtual().start(() -> {
            try (SocketChannel client = server.accept()) {
                done.await();
            } catch (IOException | InterruptedException ignored) {
                // The test is over.
            }
        });
    }

    private void listen() throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket()));
    }
}
