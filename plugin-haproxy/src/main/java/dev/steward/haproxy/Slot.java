package dev.steward.haproxy;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.Target;
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
record Slot(int number, Optional<Target> target) {
    private static final Pattern SERVER_NAME = Pattern.compile("slot([1-9][0-9]{0,8})");

    Slot {
        if (number < 1) {
            throw new IllegalArgumentException("number must be >= 1, found " + number);
        }
        requireNonNull(target, "target is null");
    }

    /** The server name in HAProxy: {@code slot1}, {@code slot2}. */
    String name() {
        return "slot" + number;
    }

    /** The number in a server name that {@link #name()} made; empty for any other name. */
    static OptionalInt numberOf(String serverName) {
        Matcher name = SERVER_NAME.matcher(requireNonNull(serverName, "serverName is null"));
        return name.matches() ? OptionalInt.of(Integer.parseInt(name.group(1))) : OptionalInt.empty();
    }
}
