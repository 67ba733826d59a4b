package dev.steward.api.ports;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A released port that is not free yet.
 *
 * @param releasedRevision the newest revision accepted when it was released
 * @param notBefore the earliest wall-clock time it can return
 */
public record QuarantinedPort(int port, long releasedRevision, Instant notBefore) {
    public QuarantinedPort {
        requireNonNull(notBefore, "notBefore is null");
    }
}
