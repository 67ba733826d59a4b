package dev.steward.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request line exactly as written, over a plain socket: no client library normalises,
 * encodes or refuses the request target on the way, as an attacker's client would not either.
 */
public final class RawHttp {
    private static final int TIMEOUT_MILLIS = 10_000;

    private final InetSocketAddress server;

    public RawHttp(InetSocketAddress server) {
        this.server = requireNonNull(server, "server is null");
    }

    /** No status: the server closed the connection without answering. */
    public static final int NO_ANSWER = 0;

    /** One answer: its status ({@link #NO_ANSWER} for none), and its body as text. */
    public record Reply(int status, String body) {
        public Reply {
            requireNonNull(body, "body is null");
        }
    }

    /** Sends {@code method target HTTP/1.1} with a JSON body and no other header than these. */
    public Reply send(String method, String target, String body, String... headerLines) {
        requireNonNull(method, "method is null");
        requireNonNull(target, "target is null");
        requireNonNull(body, "body is null");
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(server.getHostString()).append(':').append(server.getPort()).append("\r\n")
                .append("Connection: close\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(content.length).append("\r\n");
        for (String header : headerLines) {
            request.append(header).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(server, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(readAnswer(socket));
        } catch (IOException failed) {
            throw new UncheckedIOException(method + " " + target + " failed", failed);
        }
    }

    private static byte[] readAnswer(Socket socket) {
        try {
            return socket.getInputStream().readAllBytes();
        } catch (IOException reset) {
            return new byte[0];
        }
    }

    private static Reply parse(byte[] answer) {
        if (answer.length == 0) {
            return new Reply(NO_ANSWER, "");
        }
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
            throw new AssertionError("not an HTTP answer: " + text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int bodyStart = text.indexOf("\r\n\r\n");
        return new Reply(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
    }
}
