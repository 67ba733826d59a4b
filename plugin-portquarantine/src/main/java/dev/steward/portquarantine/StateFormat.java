package dev.steward.portquarantine;

import dev.steward.portquarantine.PortState.Allocated;
import dev.steward.portquarantine.PortState.Blocked;
import dev.steward.portquarantine.PortState.Quarantined;
import java.time.Duration;
import java.util.Map;

/**
 * Writes a {@link PortBook} as text, one record a line, fields separated by one space:
 *
 * <pre>
 * steward-port-quarantine-state 1
 * applied 42                                  (or: applied none)
 * allocated NODE PORT OWNER
 * quarantined NODE PORT RELEASED-REVISION WINDOW-LEFT CAP-LEFT
 * blocked NODE PORT
 * end RECORDS
 * </pre>
 *
 * <p>The monotonic clock does not survive a restart and the wall clock may jump forward, so a
 * quarantine is stored as the time it has left when the file is written (ISO-8601 durations). Read
 * back, that time counts again from the restart: a port can come back later than it would have
 * without the restart, never sooner. The {@code end} line makes a truncated file detectable.
 */
final class StateFormat {
    static final String HEADER = "steward-port-quarantine-state 1";
    static final String APPLIED = "applied";
    static final String NOTHING_APPLIED = "none";
    static final String ALLOCATED = "allocated";
    static final String QUARANTINED = "quarantined";
    static final String BLOCKED = "blocked";
    static final String END = "end";

    private StateFormat() {}

    static String write(PortBook book, long nowNanos) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append(APPLIED).append(' ')
                .append(book.appliedRevision() == PortBook.NOTHING_APPLIED ? NOTHING_APPLIED : book.appliedRevision())
                .append('\n');
        int records = 0;
        for (Map.Entry<String, NodeState> node : book.sortedNodes().entrySet()) {
            for (Map.Entry<Integer, PortState> port : node.getValue().sorted().entrySet()) {
                text.append(record(node.getKey(), port.getKey(), port.getValue(), nowNanos)).append('\n');
                records++;
            }
        }
        return text.append(END).append(' ').append(records).append('\n').toString();
    }

    private static String record(String node, int port, PortState state, long nowNanos) {
        return switch (state) {
            case Allocated allocated -> String.join(" ", ALLOCATED, node, Integer.toString(port), allocated.owner());
            case Quarantined quarantined -> String.join(" ", QUARANTINED, node, Integer.toString(port),
                    Long.toString(quarantined.releasedRevision()),
                    Duration.ofNanos(quarantined.windowLeftNanos(nowNanos)).toString(),
                    Duration.ofNanos(quarantined.capLeftNanos(nowNanos)).toString());
            case Blocked ignored -> String.join(" ", BLOCKED, node, Integer.toString(port));
        };
    }
}
