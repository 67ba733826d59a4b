package dev.steward.haproxy.settings;

import static java.util.Objects.requireNonNull;

import dev.steward.api.config.Settings;
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

    /** Reads {@code steward.haproxy.access-log}. */
    static AccessLogSettings read(Settings settings) {
        String target = settings.string("target", label -> AccessLogTarget.parse(label).isPresent(),
                "one of " + AccessLogTarget.EXPECTED);
        String syslogAddress = settings.string("syslog-address", text -> BindAddress.parse(text).isPresent(),
                BindAddress.EXPECTED);
        String facility = settings.string("facility", AccessLogSettings.FACILITIES::contains,
                "a syslog facility such as local0, daemon or user");
        int queueSize = settings.integer("queue-size", 1, 10_000_000);
        return new AccessLogSettings(
                AccessLogTarget.parse(target).orElse(AccessLogTarget.OFF),
                BindAddress.parse(syslogAddress).orElse(new BindAddress("127.0.0.1", 514)),
                AccessLogSettings.FACILITIES.contains(facility) ? facility : "local0",
                queueSize);
    }
}
