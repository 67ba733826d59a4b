package dev.steward.api.model;

import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * The alphabets of every value that can reach a proxy's configuration. Nothing that passes these
 * checks can hold a newline, a space, a quote or a {@code #}, so no value can inject a directive.
 */
public final class ModelRules {
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    public static final int MIN_WEIGHT = 0;
    public static final int MAX_WEIGHT = 256;

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9._~!&()*+,;=:@%-]+");
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final int MAX_DNS_NAME = 253;
    private static final int MAX_PATH = 1024;

    private ModelRules() {}

    public static boolean isName(String value) {
        return NAME.matcher(value).matches();
    }

    /** Checks a name, a replica id or a node id. */
    public static String requireName(String field, String value) {
        requirePresent(field, value);
        if (!isName(value)) {
            throw new InvalidBroadcastException(field, "must match " + NAME_PATTERN + ", found " + quote(value));
        }
        return value;
    }

    /**
     * Checks a route prefix: {@code /} alone, or {@code /} followed by non-empty path segments made
     * of URI path characters, without a trailing slash (matching is on segment boundaries).
     */
    public static String requireRoutePrefix(String field, String value) {
        requirePresent(field, value);
        if (!isPath(value)) {
            throw new InvalidBroadcastException(field,
                    "must be \"/\" or \"/segment[/segment...]\" of URI path characters, without whitespace,"
                            + " quotes, '#' or a trailing slash, found " + quote(value));
        }
        return value;
    }

    /** Checks a request path such as a health-check URI: same alphabet as a route prefix. */
    public static String requirePath(String field, String value) {
        return requireRoutePrefix(field, value);
    }

    /** Checks a host: an IPv4 or IPv6 literal, or a DNS name. */
    public static String requireHost(String field, String value) {
        requirePresent(field, value);
        if (!isIpLiteral(value) && !isDnsName(value)) {
            throw new InvalidBroadcastException(field, "must be an IP literal or a DNS name, found " + quote(value));
        }
        return value;
    }

    public static boolean isDnsName(String value) {
        if (value.isEmpty() || value.length() > MAX_DNS_NAME) {
            return false;
        }
        String[] labels = value.split("\\.", -1);
        for (String label : labels) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // A numeric last label would make a mistyped IPv4 address (256.1.1.1) pass for a name.
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    public static boolean isIpLiteral(String value) {
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (value.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(value).matches()) {
            return false;
        }
        try {
            InetAddress.ofLiteral(value);
            return true;
        } catch (IllegalArgumentException notALiteral) {
            return false;
        }
    }

    public static int requirePort(String field, int value) {
        if (value < 1 || value > 65535) {
            throw new InvalidBroadcastException(field, "must be between 1 and 65535, found " + value);
        }
        return value;
    }

    public static int requireWeight(String field, int value) {
        if (value < MIN_WEIGHT || value > MAX_WEIGHT) {
            throw new InvalidBroadcastException(field,
                    "must be between " + MIN_WEIGHT + " and " + MAX_WEIGHT + ", found " + value);
        }
        return value;
    }

    /** Quotes a value for a message, with control characters escaped and long values cut. */
    public static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        int limit = Math.min(value.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        if (value.length() > limit) {
            quoted.append("...");
        }
        return quoted.append('"').toString();
    }

    private static boolean isPath(String value) {
        if (value.equals("/")) {
            return true;
        }
        if (!value.startsWith("/") || value.length() > MAX_PATH) {
            return false;
        }
        for (String segment : value.substring(1).split("/", -1)) {
            if (!PATH_SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    private static void requirePresent(String field, String value) {
        if (value == null) {
            throw new InvalidBroadcastException(field, "is required");
        }
    }
}
