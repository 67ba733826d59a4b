package dev.steward.api.proxy;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.util.Set;

/**
 * An apply that failed as a whole; the proxy keeps serving the state it served before. The message
 * carries the proxy's own words (HAProxy's check output, the tail of its stderr).
 *
 * <p>A backend that can tell what the failing state holds that it could not serve names it: group
 * names, or {@link #SETTINGS} for its own configuration. A later broadcast that changes one of them
 * may succeed, so it is tried soon; one that does not keeps backing off. No culprit named means the
 * backend cannot tell, and only a success ends the back-off.
 */
public class ApplyException extends RuntimeException {
    /** The culprit that is the backend's own configuration, which no broadcast changes. */
    public static final String SETTINGS = "settings";
    /** The culprit that is the fallback targets. */
    public static final String FALLBACK_TARGETS = "fallbackTargets";

    @Serial
    private static final long serialVersionUID = 1L;

    private final ApplyMode attempted;
    private final transient Set<String> culprits;

    public ApplyException(ApplyMode attempted, String message) {
        this(attempted, message, Set.of(), null);
    }

    public ApplyException(ApplyMode attempted, String message, Throwable cause) {
        this(attempted, message, Set.of(), cause);
    }

    /** @param culprits group names, {@link #SETTINGS} or {@link #FALLBACK_TARGETS}: what the state could not be served for */
    public ApplyException(ApplyMode attempted, String message, Set<String> culprits, Throwable cause) {
        super(message, cause);
        this.attempted = requireNonNull(attempted, "attempted is null");
        this.culprits = Set.copyOf(requireNonNull(culprits, "culprits is null"));
    }

    /** The mode that failed: the {@code mode} label of the failure in metrics. */
    public ApplyMode attempted() {
        return attempted;
    }

    /** What the failing state holds that the backend could not serve; empty when it cannot tell. */
    public Set<String> culprits() {
        return culprits;
    }
}
