package dev.steward.api;

import java.io.Serial;

/**
 * An apply that failed as a whole; the proxy keeps serving the state it served before. The message
 * carries the proxy's own words (HAProxy's check output, the tail of its stderr).
 */
public class ApplyException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public ApplyException(String message) {
        super(message);
    }

    public ApplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
