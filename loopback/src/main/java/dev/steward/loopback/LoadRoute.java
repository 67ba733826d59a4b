package dev.steward.loopback;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A path a load requests, and the deployment whose replicas must answer it, when the load checks. */
record LoadRoute(String path, Optional<String> deployment) {
    LoadRoute {
        requireNonNull(path, "path is null");
        requireNonNull(deployment, "deployment is null");
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new IllegalArgumentException("a load requests paths that start with / and hold no space or control"
                    + " character, found \"" + path + "\"");
        }
    }

    /** The whole GET request for this path, ready to send. */
    byte[] request(String host) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
