package dev.steward.core.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The HTTP API.
 *
 * @param host the address to bind
 * @param port the port to bind; 0 picks a free one
 * @param token the bearer token every {@code /v1} call must carry, when set
 */
public record ApiSettings(String host, int port, Optional<String> token) {
    public ApiSettings {
        requireNonNull(host, "host is null");
        requireNonNull(token, "token is null");
    }
}
