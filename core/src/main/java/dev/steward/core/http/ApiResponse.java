package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An answer: a status, headers and a body, empty for 204.
 *
 * @param contentType the body's type; empty when there is no body
 */
public record ApiResponse(int status, Map<String, String> headers, Optional<String> contentType, byte[] body) {
    static final String JSON = "application/json";

    public ApiResponse {
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(contentType, "contentType is null");
        requireNonNull(body, "body is null");
    }

    /** {@code tree} is a plain tree: maps, lists, strings, numbers, booleans and {@code null}s. */
    public static ApiResponse json(int status, Object tree) {
        return new ApiResponse(status, Map.of(), Optional.of(JSON), Json.write(tree));
    }

    static ApiResponse text(int status, String contentType, String text) {
        return new ApiResponse(status, Map.of(), Optional.of(contentType), text.getBytes(StandardCharsets.UTF_8));
    }

    static ApiResponse noContent() {
        return new ApiResponse(HttpStatus.NO_CONTENT, Map.of(), Optional.empty(), new byte[0]);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
        return new ApiResponse(status, more, contentType, body);
    }

    /** The error answer of INTERFACES.md: {@code {"error", "field"}} and any details. */
    static ApiResponse error(ApiException problem) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("error", problem.getMessage());
        tree.put("field", problem.field());
        tree.putAll(problem.details());
        ApiResponse response = json(problem.status(), tree);
        for (Map.Entry<String, String> header : problem.headers().entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }
}
