package dev.steward.haproxy.settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where HAProxy's access log lines go. */
public enum AccessLogTarget {
    /** A Unix datagram socket Steward reads, writing each line to the logger {@code steward.haproxy.access}. */
    STEWARD,
    /** A syslog server over UDP. */
    SYSLOG,
    /** Nowhere: HAProxy logs nothing. */
    OFF;

    static final String EXPECTED = Arrays.stream(values()).map(AccessLogTarget::label).collect(Collectors.joining(", "));

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<AccessLogTarget> parse(String label) {
        return Arrays.stream(values()).filter(target -> target.label().equals(label)).findFirst();
    }
}
