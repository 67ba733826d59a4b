package dev.steward.core.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a raw request path into its decoded segments. Each segment is decoded on its own, so an
 * encoded {@code %2F} stays inside its segment instead of adding one.
 */
final class PathSegments {
    private PathSegments() {}

    static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        // -1 keeps a trailing empty segment: /v1/status/ is not /v1/status.
        for (String segment : path.substring(1).split("/", -1)) {
            segments.add(segment);
        }
        return segments;
    }

    /** The server has already refused a path with a malformed percent escape. */
    static List<String> decode(String rawPath) {
        List<String> decoded = new ArrayList<>();
        for (String segment : split(rawPath)) {
            // URLDecoder reads '+' as a space, which a path does not.
            decoded.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return decoded;
    }
}
