package dev.steward.core.http;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the request timeout to the JDK's HTTP server, which closes a connection whose request (or
 * answer) takes longer. The server reads these system properties once per process, when it is first
 * used, in whole seconds; a value given on the command line wins.
 */
final class ServerTimeouts {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTimeouts.class);
    private static final List<String> PROPERTIES = List.of("sun.net.httpserver.maxReqTime", "sun.net.httpserver.maxRspTime");

    private ServerTimeouts() {}

    static synchronized void apply(Duration timeout) {
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        for (String property : PROPERTIES) {
            String current = System.getProperty(property);
            if (current == null) {
                System.setProperty(property, seconds);
            } else if (!current.equals(seconds)) {
                LOG.warn("{}={} is already set in this process and stays in force; steward.api.request-timeout ({}s)"
                        + " does not apply", property, current, seconds);
            }
        }
    }
}
