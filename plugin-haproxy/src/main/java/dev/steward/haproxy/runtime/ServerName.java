package dev.steward.haproxy.runtime;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A server of a backend, as the runtime API names it: {@code group_app1/slot3}. Both parts are held
 * to HAProxy's name alphabet, so a name can never carry a space, a line break or the {@code ;} that
 * separates runtime commands.
 *
 * @param backend the backend's name
 * @param server the server's name in it
 */
public record ServerName(String backend, String server) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    public ServerName {
        requireName("backend", backend);
        requireName("server", server);
    }

    @Override
    public String toString() {
        return backend + "/" + server;
    }

    /** A backend or server name, checked to be safe as one word of a runtime command. */
    static String requireName(String what, String value) {
        requireNonNull(value, what + " is null");
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME.pattern() + ", found \"" + value + "\"");
        }
        return value;
    }
}
