package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.ModelRules;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The path of a request, accepted only in its canonical form: the one string that authentication
 * decides on and the router routes. No path of the API ever needs percent-encoding, dot segments,
 * doubled slashes or parameters ({@code ;x}); a request spelled with any of them is refused whole
 * instead of decoded, so that no two parsers can ever read one request two ways.
 *
 * @param text the path as sent, which is also the path meant
 * @param segments the parts between its slashes; a trailing slash gives an empty last segment
 */
record RequestPath(String text, List<String> segments) {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final String CANONICAL = "; a path of this API is plain letters, digits and . _ ~ - between"
            + " single slashes, with no percent-encoding, dot segment or ';' (see docs/api.md)";

    RequestPath {
        requireNonNull(text, "text is null");
        segments = List.copyOf(requireNonNull(segments, "segments is null"));
    }

    /** @throws ApiException 400 naming what is not canonical in the request's path */
    static RequestPath of(URI requestUri) {
        requireNonNull(requestUri, "requestUri is null");
        String raw = requestUri.getRawPath();
        if (requestUri.isOpaque() || raw == null || !raw.startsWith("/")) {
            throw refused(requestUri.toString(), "the request target is not an absolute path");
        }
        if (requestUri.getScheme() == null && !requestUri.toString().startsWith(raw)) {
            // "//v1/x" parses as the authority "v1" and the path "/x", "///v1/x" as the path "/v1/x".
            throw refused(requestUri.toString(), "the path begins with a doubled slash");
        }
        if (requestUri.getScheme() != null && requestUri.getRawAuthority() == null) {
            throw refused(requestUri.toString(), "an absolute request target names no host");
        }
        if (requestUri.getRawFragment() != null) {
            throw refused(requestUri.toString(), "the request target carries a fragment");
        }
        List<String> segments = List.of(raw.substring(1).split("/", -1));
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment.isEmpty() && !last) {
                throw refused(raw, "the path holds a doubled slash");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw refused(raw, "the path holds the dot segment " + ModelRules.quote(segment));
            }
            if (!segment.isEmpty() && !SEGMENT.matcher(segment).matches()) {
                throw refused(raw, "the path segment " + ModelRules.quote(segment) + " is not in canonical form");
            }
        }
        return new RequestPath(raw, segments);
    }

    private static ApiException refused(String target, String reason) {
        return ApiException.badRequest("", "refused path " + ModelRules.quote(target) + ": " + reason + CANONICAL);
    }
}
