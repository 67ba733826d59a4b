package dev.steward.haproxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 request on a fresh connection, with the Host header under the test's control (the
 * JDK's clients restrict it).
 */
final class HttpProbe {
    private static final int TIMEOUT_MILLIS = 5000;

    private HttpProbe() {}

    record Response(int status, String contentType, String body) {}

    static Response get(int port, String path) {
        return get(port, path, "localhost");
    }

    static Response get(int port, String path, String host) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException problem) {
            throw new UncheckedIOException("GET " + path + " on port " + port + " failed", problem);
        }
    }

    /** A whole HTTP/1.x response, as read until the connection closed. */
    static Response parse(String response) {
        int headerEnd = response.indexOf("\r\n\r\n");
        if (!response.startsWith("HTTP/1.") || headerEnd < 0) {
            throw new IllegalStateException("not an HTTP response: " + response);
        }
        String[] head = response.substring(0, headerEnd).split("\r\n");
        String contentType = "";
        for (String header : head) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                contentType = header.substring("content-type:".length()).strip();
            }
        }
        return new Response(Integer.parseInt(head[0].split(" ")[1]), contentType, response.substring(headerEnd + 4));
    }
}
