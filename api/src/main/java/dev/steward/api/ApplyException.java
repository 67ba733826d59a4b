package dev.steward.api;

import static java.util.Objects.requireNonNull;

import java.io.Serial;

/**
 * An apply that failed as a whole; the proxy keeps serving the state it served before. The message
 * carries the proxy's own words (HAProxy's check output, the tail of its stderr).
 */
public class ApplyException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final ApplyMode attempted;

    public ApplyException(ApplyMode attempted, String message) {
        super(message);
        this.attempted = requireNonNull(attempted, "attempted is null");
    }

    public ApplyException(ApplyMode attempted, String message, Throwable cause) {
        super(message, cause);
        this.attempted = requireNonNull(attempted, "attempted is null");
    }

    /** The mode that failed: the {@code mode} label of the failure in metrics. */
    public ApplyMode attempted() {
        return attempted;
    }
}
