package dev.steward.api.proxy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What becomes of the proxy's processes when Steward stops. */
public enum ProxyStop {
    /** They stop gracefully: requests in flight finish, then they exit. */
    STOP,
    /** They keep serving the last applied state, unsupervised, until the next Steward takes them over. */
    KEEP;

    /** The words {@link #parse} takes, for messages: {@code "stop" or "keep"}. */
    public static final String EXPECTED = Arrays.stream(values())
            .map(value -> "\"" + value.label() + "\"").collect(Collectors.joining(" or "));

    /** The word in settings, the HTTP API and the command line: {@code stop}, {@code keep}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of a {@link #label()}; empty for any other word. */
    public static Optional<ProxyStop> parse(String label) {
        return Arrays.stream(values()).filter(value -> value.label().equals(label)).findFirst();
    }
}
