package dev.steward.api.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a group spreads requests over its targets. */
public enum Balance {
    ROUND_ROBIN("roundrobin"),
    LEAST_CONN("leastconn"),
    RANDOM("random");

    private final String label;

    Balance(String label) {
        this.label = label;
    }

    /** The name used in a routing document and in HAProxy's {@code balance} directive. */
    public String label() {
        return label;
    }

    public static Balance fromLabel(String field, String label) {
        for (Balance balance : values()) {
            if (balance.label.equals(label)) {
                return balance;
            }
        }
        throw new InvalidBroadcastException(field, "must be one of "
                + Arrays.stream(values()).map(Balance::label).collect(Collectors.joining(", "))
                + ", found " + ModelRules.quote(label));
    }
}
