package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.ModelRules;
import java.io.Serial;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request the API refuses. Becomes the error answer {@code {"error": message, "field": field}},
 * with any details beside them, and the status and headers given here.
 */
public final class ApiException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;
    private final transient Map<String, Object> details;
    private final transient Map<String, String> headers;

    private ApiException(int status, String field, String message, Map<String, Object> details, Map<String, String> headers) {
        super(requireNonNull(message, "message is null"));
        this.status = status;
        this.field = requireNonNull(field, "field is null");
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.headers = Map.copyOf(headers);
    }

    public static ApiException of(int status, String field, String message) {
        return new ApiException(status, field, message, Map.of(), Map.of());
    }

    public static ApiException badRequest(String field, String message) {
        return of(HttpStatus.BAD_REQUEST, field, message);
    }

    public static ApiException notFound(String message) {
        return of(HttpStatus.NOT_FOUND, "", message);
    }

    static ApiException methodNotAllowed(String method, String path, Set<String> allowed) {
        String allow = String.join(", ", new TreeSet<>(allowed));
        return new ApiException(HttpStatus.METHOD_NOT_ALLOWED, "",
                "method " + method + " is not allowed on " + ModelRules.quote(path) + "; allowed: " + allow, Map.of(), Map.of("Allow", allow));
    }

    static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "", message, Map.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"steward\""));
    }

    /** The connection is closed after the answer: the rest of the body is never read. */
    static ApiException bodyTooLarge(long limit) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "", "the request body exceeds the limit of " + limit
                + " bytes (steward.api.max-body)", Map.of(), Map.of("Connection", "close"));
    }

    /** An answer with more fields than error and field, such as the counts of an exhausted node. */
    ApiException withDetail(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
        return new ApiException(status, field, getMessage(), more, headers);
    }

    int status() {
        return status;
    }

    /** The full path of the offending field or parameter; empty when the request as a whole is bad. */
    public String field() {
        return field;
    }

    Map<String, Object> details() {
        return details;
    }

    Map<String, String> headers() {
        return headers;
    }
}
