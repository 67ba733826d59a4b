package dev.steward.core.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP API.
 *
 * @param host the address to bind
 * @param port the port to bind; 0 picks a free one
 * @param token the bearer token every path but the open ones must carry, when set
 * @param maxBody the largest request body accepted, in bytes
 * @param requestTimeout how long a client may take to send a request, and the API to answer it
 */
public record ApiSettings(String host, int port, Optional<String> token, long maxBody, Duration requestTimeout) {
    public ApiSettings {
        requireNonNull(host, "host is null");
        requireNonNull(token, "token is null");
        if (maxBody < 1) {
            throw new IllegalArgumentException("maxBody must be positive, found " + maxBody);
        }
        requireNonNull(requestTimeout, "requestTimeout is null");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, found " + requestTimeout);
        }
    }
}
