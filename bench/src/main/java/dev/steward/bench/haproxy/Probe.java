package dev.steward.bench.haproxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** One GET on a fresh connection; the body of a 200, or nothing for any other answer or a failure. */
public final class Probe {
    private static final int TIMEOUT_MILLIS = 2000;

    private final int port;

    public Probe(int port) {
        this.port = port;
    }

    public Optional<String> get(String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headerEnd = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.1 200") || headerEnd < 0) {
                return Optional.empty();
            }
            return Optional.of(response.substring(headerEnd + 4));
        } catch (IOException refused) {
            return Optional.empty();
        }
    }
}
