package dev.steward.haproxy.settings;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * HAProxy's traffic timeouts, as written into {@code defaults}.
 *
 * @param connect a TCP connection to a replica
 * @param client client inactivity
 * @param server replica inactivity
 * @param httpRequest a complete request header
 * @param check one health check
 */
public record Timeouts(Duration connect, Duration client, Duration server, Duration httpRequest, Duration check) {
    public Timeouts {
        requireNonNull(connect, "connect is null");
        requireNonNull(client, "client is null");
        requireNonNull(server, "server is null");
        requireNonNull(httpRequest, "httpRequest is null");
        requireNonNull(check, "check is null");
    }
}
