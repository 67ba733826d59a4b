package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A path such as {@code /v1/nodes/{node}/ports/{port}}: literal segments and named parameters. */
public record PathTemplate(String text, List<String> segments) {
    public PathTemplate {
        requireNonNull(text, "text is null");
        segments = List.copyOf(requireNonNull(segments, "segments is null"));
    }

    public static PathTemplate of(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with /, found " + text);
        }
        return new PathTemplate(text, List.of(text.substring(1).split("/", -1)));
    }

    /** The parameters, by name, when the segments of a request's path fit this template. */
    Optional<Map<String, String>> match(List<String> path) {
        if (path.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isParameter(segment)) {
                parameters.put(segment.substring(1, segment.length() - 1), path.get(i));
            } else if (!segment.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
