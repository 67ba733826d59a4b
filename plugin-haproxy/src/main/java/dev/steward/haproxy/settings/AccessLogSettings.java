package dev.steward.haproxy.settings;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * Where and how HAProxy sends its access log.
 *
 * @param target where the lines go
 * @param syslogAddress the syslog server, for {@link AccessLogTarget#SYSLOG}
 * @param facility the syslog facility of the lines, one of {@link #FACILITIES}
 * @param queueSize lines Steward holds for its logger, for {@link AccessLogTarget#STEWARD}
 */
public record AccessLogSettings(AccessLogTarget target, BindAddress syslogAddress, String facility, int queueSize) {
    /** The facilities HAProxy knows. */
    static final Set<String> FACILITIES = Set.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp",
            "cron", "auth2", "ftp", "ntp", "audit", "alert", "cron2", "local0", "local1", "local2", "local3", "local4",
            "local5", "local6", "local7");

    public AccessLogSettings {
        requireNonNull(target, "target is null");
        requireNonNull(syslogAddress, "syslogAddress is null");
        requireNonNull(facility, "facility is null");
        if (!FACILITIES.contains(facility)) {
            throw new IllegalArgumentException("not a syslog facility: " + facility);
        }
        if (queueSize < 1) {
            throw new IllegalArgumentException("queueSize must be positive, found " + queueSize);
        }
    }
}
