package dev.steward.portquarantine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.ModelRules;
import dev.steward.portquarantine.PortState.Allocated;
import dev.steward.portquarantine.PortState.Blocked;
import dev.steward.portquarantine.PortState.Quarantined;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the text {@link StateFormat} writes, and nothing else: anything unexpected is an error with
 * its line, because starting with less than was saved could hand out a port a proxy still routes to.
 */
final class StateParser {
    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,18}");

    private final PortRange range;

    StateParser(PortRange range) {
        this.range = requireNonNull(range, "range is null");
    }

    /** @param nowNanos the monotonic time from which the quarantines' time left counts */
    PortBook parse(String text, long nowNanos) {
        requireNonNull(text, "text is null");
        if (text.isEmpty()) {
            throw new StateSyntaxException(1, "the file is empty");
        }
        String[] lines = text.split("\n", -1);
        if (!lines[lines.length - 1].isEmpty()) {
            throw new StateSyntaxException(lines.length, "the last line has no line end: the file is cut short");
        }
        int count = lines.length - 1;
        if (!lines[0].equals(StateFormat.HEADER)) {
            throw new StateSyntaxException(1, "expected " + ModelRules.quote(StateFormat.HEADER) + ", found " + ModelRules.quote(lines[0]));
        }
        if (count < 3) {
            throw new StateSyntaxException(count + 1, "the file ends before its \"end\" line: it is cut short");
        }
        long applied = applied(lines[1]);
        Map<String, Map<Integer, PortState>> nodes = new HashMap<>();
        for (int index = 2; index < count - 1; index++) {
            record(index + 1, lines[index], nodes, nowNanos);
        }
        end(count, lines[count - 1], count - 3);
        Map<String, NodeState> states = new HashMap<>();
        nodes.forEach((node, ports) -> states.put(node, new NodeState(ports)));
        return new PortBook(states, applied);
    }

    private static long applied(String line) {
        String[] fields = fields(2, line, StateFormat.APPLIED, 2);
        if (fields[1].equals(StateFormat.NOTHING_APPLIED)) {
            return PortBook.NOTHING_APPLIED;
        }
        return number(2, "applied revision", fields[1]);
    }

    private void record(int line, String text, Map<String, Map<Integer, PortState>> nodes, long nowNanos) {
        String kind = text.split(" ", 2)[0];
        String[] fields;
        PortState state;
        switch (kind) {
            case StateFormat.ALLOCATED -> {
                fields = fields(line, text, kind, 4);
                state = new Allocated(name(line, "owner", fields[3]));
            }
            case StateFormat.QUARANTINED -> {
                fields = fields(line, text, kind, 6);
                long revision = number(line, "released revision", fields[3]);
                long windowLeft = timeLeft(line, "window left", fields[4]);
                long capLeft = timeLeft(line, "cap left", fields[5]);
                state = new Quarantined(revision, nowNanos + windowLeft, nowNanos + capLeft);
            }
            case StateFormat.BLOCKED -> {
                fields = fields(line, text, kind, 3);
                state = new Blocked();
            }
            default -> throw new StateSyntaxException(line, "expected an \"allocated\", \"quarantined\" or "
                    + "\"blocked\" line, found " + ModelRules.quote(text));
        }
        String node = name(line, "node", fields[1]);
        int port = port(line, fields[2]);
        if (nodes.computeIfAbsent(node, ignored -> new HashMap<>()).putIfAbsent(port, state) != null) {
            throw new StateSyntaxException(line, "port " + port + " of node " + node + " is listed twice");
        }
    }

    private static void end(int line, String text, int records) {
        if (!text.startsWith(StateFormat.END + " ")) {
            throw new StateSyntaxException(line + 1, "the file ends before its \"end\" line: it is cut short");
        }
        String[] fields = fields(line, text, StateFormat.END, 2);
        if (number(line, "record count", fields[1]) != records) {
            throw new StateSyntaxException(line, "the end line counts " + fields[1] + " records, the file holds " + records);
        }
    }

    private static String[] fields(int line, String text, String kind, int expected) {
        String[] fields = text.split(" ", -1);
        if (!fields[0].equals(kind)) {
            throw new StateSyntaxException(line, "expected a line starting with " + ModelRules.quote(kind) + ", found " + ModelRules.quote(text));
        }
        if (fields.length != expected) {
            throw new StateSyntaxException(line, "expected " + expected + " fields separated by single spaces in a "
                    + ModelRules.quote(kind) + " line, found " + ModelRules.quote(text));
        }
        for (String field : fields) {
            if (field.isEmpty()) {
                throw new StateSyntaxException(line, "fields must be separated by single spaces, found " + ModelRules.quote(text));
            }
        }
        return fields;
    }

    private static String name(int line, String what, String value) {
        if (!ModelRules.isName(value)) {
            throw new StateSyntaxException(line, what + " must match " + ModelRules.NAME_PATTERN + ", found " + ModelRules.quote(value));
        }
        return value;
    }

    private int port(int line, String value) {
        if (!NUMBER.matcher(value).matches() || value.length() > 5) {
            throw new StateSyntaxException(line, "expected a port, found " + ModelRules.quote(value));
        }
        int port = Integer.parseInt(value);
        if (!range.contains(port)) {
            throw new StateSyntaxException(line, "port " + port + " is outside the configured range " + range
                    + "; restore the range that was configured when the port was saved");
        }
        return port;
    }

    private static long number(int line, String what, String value) {
        StateSyntaxException malformed = new StateSyntaxException(line,
                "expected the " + what + " as a number >= 0, found " + ModelRules.quote(value));
        if (!NUMBER.matcher(value).matches()) {
            throw malformed;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException tooLarge) {
            throw malformed;
        }
    }

    /** Bounded by the longest cap, so that no value can overflow the monotonic clock. */
    private static long timeLeft(int line, String what, String value) {
        Duration left;
        try {
            left = Duration.parse(value);
        } catch (DateTimeParseException malformed) {
            throw new StateSyntaxException(line, "expected the " + what + " as an ISO-8601 duration such as PT9.5S, found "
                    + ModelRules.quote(value));
        }
        if (left.isNegative() || left.compareTo(QuarantineSettings.MAX_CAP) > 0) {
            throw new StateSyntaxException(line, "expected the " + what + " from PT0S to " + QuarantineSettings.MAX_CAP
                    + ", found " + value);
        }
        return left.toNanos();
    }
}
