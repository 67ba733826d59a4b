package dev.steward.haproxy.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket's own life; receiving from HAProxy is shown in {@code AccessLogTest}. */
class UnixDatagramSocketTest {
    @TempDir
    Path directory;

    @Test
    void aReceiveWithoutDatagramReturnsEmptyAfterTheTimeout() {
        try (UnixDatagramSocket socket = UnixDatagramSocket.bind(directory.resolve("a.sock"), Duration.ofMillis(50), 65536)) {
            long start = System.nanoTime();

            assertThat(socket.receive()).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
        }
    }

    @Test
    void bindReplacesAFileLeftByAnEarlierRunAndCloseDeletesTheSocket() throws IOException {
        Path path = Files.writeString(directory.resolve("a.sock"), "left over");

        UnixDatagramSocket socket = UnixDatagramSocket.bind(path, Duration.ofMillis(50), 65536);
        assertThat(Files.isRegularFile(path)).isFalse();
        assertThat(path).exists();

        socket.close();
        socket.close();
        assertThat(path).doesNotExist();
    }

    @Test
    void aPathLongerThanASocketAddressHoldsIsRefused() {
        Path deep = directory.resolve("d".repeat(120));

        assertThatThrownBy(() -> UnixDatagramSocket.bind(deep, Duration.ofMillis(50), 65536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 107 bytes");
    }
}
