package dev.steward.haproxy.settings;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.ModelRules;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where HAProxy's frontend listens, or another address it reaches (the syslog server). Checked strictly
 * because it is written into a config line: nothing but an IP literal or a DNS name and a port can pass.
 *
 * @param host an IPv4 literal, an IPv6 literal (without brackets) or a DNS name
 * @param port 1 to 65535
 */
public record BindAddress(String host, int port) {
    static final String EXPECTED = "host:port with an IPv4 literal, an IPv6 literal in brackets or a DNS name,"
            + " and a port from 1 to 65535";

    private static final Pattern FORM = Pattern.compile("(?:\\[(?<v6>[^\\]]+)]|(?<host>[^:\\[\\]]+)):(?<port>[0-9]{1,5})");

    public BindAddress {
        requireNonNull(host, "host is null");
        if (!isHost(host) || port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a bind address: " + ModelRules.quote(host) + " port " + port);
        }
    }

    /** Reads {@code host:port}; empty when the text is not exactly that. */
    static Optional<BindAddress> parse(String text) {
        requireNonNull(text, "text is null");
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String v6 = matcher.group("v6");
        String host = v6 != null ? v6 : matcher.group("host");
        boolean hostFits = v6 != null ? v6.indexOf(':') >= 0 && ModelRules.isIpLiteral(v6) : isHost(host);
        int port = Integer.parseInt(matcher.group("port"));
        if (!hostFits || port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new BindAddress(host, port));
    }

    /** The form HAProxy reads: {@code 127.0.0.1:8080}, {@code [::1]:8080}. */
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    /**
     * Where a client on this machine reaches the frontend: a wildcard bind is reached on loopback.
     *
     * @param tls whether the frontend speaks TLS
     */
    public URI clientUri(boolean tls) {
        String reachable = switch (host) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::" -> "::1";
            default -> host;
        };
        return URI.create((tls ? "https" : "http") + "://" + new BindAddress(reachable, port) + "/");
    }

    private static boolean isHost(String host) {
        return ModelRules.isIpLiteral(host) || ModelRules.isDnsName(host);
    }
}
