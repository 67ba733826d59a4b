package dev.steward.api.source;

import java.io.Serial;

/**
 * Broadcasts that Steward could not record durably (a full disk, say): nothing of them was accepted,
 * the last accepted state keeps serving, and the source should deliver them again later.
 */
public final class NotAcceptedException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public NotAcceptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
