package dev.steward.haproxy.apply;

import static java.util.Objects.requireNonNull;

import dev.steward.api.proxy.ApplyOutcome;
import dev.steward.haproxy.runtime.RuntimeApiException;
import java.util.Optional;

/** What came of setting a runtime plan on the serving process. */
sealed interface RuntimeResult {
    /** The process serves the state. */
    record Served(ApplyOutcome outcome) implements RuntimeResult {
        public Served {
            requireNonNull(outcome, "outcome is null");
        }
    }

    /**
     * The process cannot take the state: a reload can.
     *
     * @param reason why, for the reload's log line
     * @param failure the command HAProxy refused or did not answer, if that was why
     */
    record Refused(String reason, Optional<RuntimeApiException> failure) implements RuntimeResult {
        public Refused {
            requireNonNull(reason, "reason is null");
            requireNonNull(failure, "failure is null");
        }
    }
}
