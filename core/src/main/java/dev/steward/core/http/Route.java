package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * One method on one path template, the query parameters it takes, and who answers it.
 *
 * @param queryParameters the names it accepts; any other is refused, so a typo is never ignored
 */
public record Route(String method, PathTemplate path, Set<String> queryParameters, Endpoint endpoint) {
    public Route {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        queryParameters = Set.copyOf(requireNonNull(queryParameters, "queryParameters is null"));
        requireNonNull(endpoint, "endpoint is null");
    }

    public static Route of(String method, String path, Endpoint endpoint) {
        return new Route(method, PathTemplate.of(path), Set.of(), endpoint);
    }

    public static Route of(String method, String path, Set<String> queryParameters, Endpoint endpoint) {
        return new Route(method, PathTemplate.of(path), queryParameters, endpoint);
    }
}
