package dev.steward.loopback;

import java.nio.charset.StandardCharsets;

/** The bytes of a replica's answers, each head and body together so that one write sends it whole. */
final class Answers {
    private Answers() {}

    static byte[] of(int status, String contentType, String body, boolean close, boolean withBody) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = head(status, contentType, content.length, close);
        if (!withBody) {
            return head;
        }
        byte[] whole = new byte[head.length + content.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(content, 0, whole, head.length, content.length);
        return whole;
    }

    /** A 200 whose head announces all of {@code body} and that carries only its first half. */
    static byte[] cut(String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        // No Connection header: the replica just closes, as one that crashes mid-answer does.
        byte[] head = head(200, Replica.TEXT, content.length, false);
        byte[] partial = new byte[head.length + content.length / 2];
        System.arraycopy(head, 0, partial, 0, head.length);
        System.arraycopy(content, 0, partial, head.length, content.length / 2);
        return partial;
    }

    private static byte[] head(int status, String contentType, int length, boolean close) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        if (!contentType.isEmpty()) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("Content-Length: ").append(length).append("\r\n");
        if (close) {
            head.append("Connection: close\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 503 -> "Service Unavailable";
            default -> throw new IllegalArgumentException("a replica never answers " + status);
        };
    }
}
