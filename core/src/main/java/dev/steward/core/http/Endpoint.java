package dev.steward.core.http;

/** Answers one method on one path template. */
@FunctionalInterface
interface Endpoint {
    /** @throws ApiException when the request is refused */
    ApiResponse handle(ApiRequest request);
}
