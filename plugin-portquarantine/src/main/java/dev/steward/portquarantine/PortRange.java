package dev.steward.portquarantine;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ports handed out on every replica node, both ends included. */
record PortRange(int low, int high) {
    static final int MIN_PORT = 1;
    static final int MAX_PORT = 65535;

    private static final Pattern SHAPE = Pattern.compile("([0-9]{1,5})-([0-9]{1,5})");

    PortRange {
        if (low < MIN_PORT || high > MAX_PORT || low > high) {
            throw new IllegalArgumentException("a port range needs 1 <= low <= high <= 65535, found " + low + "-" + high);
        }
    }

    /** Reads {@code low-high}; empty when the text is not a valid range. */
    static Optional<PortRange> parse(String text) {
        Matcher matcher = SHAPE.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int low = Integer.parseInt(matcher.group(1));
        int high = Integer.parseInt(matcher.group(2));
        if (low < MIN_PORT || high > MAX_PORT || low > high) {
            return Optional.empty();
        }
        return Optional.of(new PortRange(low, high));
    }

    boolean contains(int port) {
        return port >= low && port <= high;
    }

    /** The lowest port of the range that {@code taken} rejects. */
    OptionalInt lowest(IntPredicate taken) {
        for (int port = low; port <= high; port++) {
            if (!taken.test(port)) {
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public String toString() {
        return low + "-" + high;
    }
}
