package dev.steward.loopback;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The start line and headers of one HTTP/1.x message.
 *
 * @param headers by lower-case name; a header sent twice holds both values, comma-separated
 */
record HttpHead(String startLine, Map<String, String> headers) {
    HttpHead {
        requireNonNull(startLine, "startLine is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A request's method, such as {@code GET}. */
    String method() {
        return part(0);
    }

    /** A request's target without its query, such as {@code /app1/x}. */
    String path() {
        String target = part(1);
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** A response's status code. */
    int status() {
        try {
            return Integer.parseInt(part(1));
        } catch (NumberFormatException notAStatus) {
            throw new IllegalStateException("not an HTTP response: " + startLine, notAStatus);
        }
    }

    boolean chunked() {
        return header("transfer-encoding").map(value -> value.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
    }

    OptionalLong contentLength() {
        return header("content-length").map(value -> OptionalLong.of(Long.parseLong(value.strip())))
                .orElse(OptionalLong.empty());
    }

    /** Whether the connection stays open after this message: HTTP/1.1 unless it says close, HTTP/1.0 only if it says keep-alive. */
    boolean keepsAlive() {
        String connection = header("connection").orElse("").toLowerCase(Locale.ROOT);
        boolean http10 = startLine.contains("HTTP/1.0");
        return http10 ? connection.contains("keep-alive") : !connection.contains("close");
    }

    private String part(int index) {
        String[] parts = startLine.split(" ", 3);
        if (parts.length <= index) {
            throw new IllegalStateException("not an HTTP start line: " + startLine);
        }
        return parts[index];
    }
}
