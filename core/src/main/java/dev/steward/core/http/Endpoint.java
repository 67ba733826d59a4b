package dev.steward.core.http;

/** Answers one method on one path template. */
@FunctionalInterface
public interface Endpoint {
    /** @throws ApiException when the request is refused */
    ApiResponse handle(ApiRequest request);
}
