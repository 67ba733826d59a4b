package dev.steward.core.config;

import static java.util.Objects.requireNonNull;

import dev.steward.api.config.Settings;
import dev.steward.api.model.ModelRules;
import java.net.InetAddress;

/** A {@code host:port} setting; the host is an IP literal (IPv6 in brackets) or a DNS name. */
public record HostPort(String host, int port) {
    public HostPort {
        requireNonNull(host, "host is null");
    }

    /** Reads {@code key}; a bad value becomes a problem in {@code settings} and 127.0.0.1:0 here. */
    public static HostPort parse(Settings settings, String key) {
        String value = settings.string(key);
        int colon = value.lastIndexOf(':');
        if (colon > 0) {
            String host = value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            String port = value.substring(colon + 1);
            if ((ModelRules.isIpLiteral(host) || ModelRules.isDnsName(host)) && port.matches("\\d{1,5}")
                    && Integer.parseInt(port) <= 65535) {
                return new HostPort(host, Integer.parseInt(port));
            }
        }
        if (settings.has(key)) {
            settings.problem(key, "expected host:port such as 127.0.0.1:9090, found " + ModelRules.quote(value));
        }
        return new HostPort("127.0.0.1", 0);
    }

    public boolean isLoopback() {
        if (host.equals("localhost")) {
            return true;
        }
        return ModelRules.isIpLiteral(host) && InetAddress.ofLiteral(host).isLoopbackAddress();
    }
}
