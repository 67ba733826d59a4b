package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.Target;
import dev.steward.haproxy.runtime.ServerName;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server line of a backend's pool. Its name never changes, so that HAProxy's runtime API can
 * later point it at another target without a reload.
 *
 * @param number 1 and up, unique in its pool
 * @param target the target it serves; empty for a free slot, kept in maintenance
 */
public record Slot(int number, Optional<Target> target) {
    /** Where a free slot points: a refused connection at once should it ever be used by mistake. */
    static final String PLACEHOLDER_HOST = "127.0.0.1";
    public static final int PLACEHOLDER_PORT = 1;
    public static final String PLACEHOLDER_ADDRESS = PLACEHOLDER_HOST + ":" + PLACEHOLDER_PORT;
    private static final Pattern SERVER_NAME = Pattern.compile("slot([1-9][0-9]{0,8})");

    public Slot {
        if (number < 1) {
            throw new IllegalArgumentException("number must be >= 1, found " + number);
        }
        requireNonNull(target, "target is null");
    }

    /** The server name in HAProxy: {@code slot1}, {@code slot2}. */
    public String name() {
        return "slot" + number;
    }

    /** What of a target the configuration's server line holds: its address and weight. */
    public static String serverLine(Target target) {
        return target.address() + " weight " + target.weight();
    }

    /** This slot's server in {@code backend}, as the runtime API names it. */
    public ServerName in(String backend) {
        return new ServerName(backend, name());
    }

    /** The number in a server name that {@link #name()} made; empty for any other name. */
    static OptionalInt numberOf(String serverName) {
        Matcher name = SERVER_NAME.matcher(requireNonNull(serverName, "serverName is null"));
        return name.matches() ? OptionalInt.of(Integer.parseInt(name.group(1))) : OptionalInt.empty();
    }
}
