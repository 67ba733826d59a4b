package dev.steward.api.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which failed requests of a group the proxy sends again to another replica. A request whose
 * response has started is never sent again; the choice is about a request that may have reached a
 * replica which then closed the connection without a byte of answer.
 */
public enum RetryPolicy {
    /**
     * A refused or failed connection, and a connection closed with no response, for every method: the
     * most requests served across a replica's death, but a POST the replica had started on (a
     * completion, a payment) may run twice.
     */
    ALL_METHODS("all-methods"),
    /**
     * A failed connection for every method; a connection closed with no response only for the safe
     * methods (GET, HEAD, OPTIONS, TRACE): an unsafe request whose replica died holding it gets an error
     * instead of a second run.
     */
    SAFE_METHODS("safe-methods"),
    /**
     * Only a failed connection, which no replica saw: never a second run, but any request whose replica
     * died holding it gets an error, GETs included.
     */
    CONNECTION_FAILURES("connection-failures");

    private final String label;

    RetryPolicy(String label) {
        this.label = label;
    }

    /** The name used in a routing document. */
    public String label() {
        return label;
    }

    public static RetryPolicy fromLabel(String field, String label) {
        for (RetryPolicy policy : values()) {
            if (policy.label.equals(label)) {
                return policy;
            }
        }
        throw new InvalidBroadcastException(field, "must be one of "
                + Arrays.stream(values()).map(RetryPolicy::label).collect(Collectors.joining(", "))
                + ", found " + ModelRules.quote(label));
    }
}
