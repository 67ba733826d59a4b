package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The port policy's counts per replica node, as {@code /metrics} has them
 * ({@code steward_ports{node="n",state="allocated"} 3.0}): the status summary's only source that holds
 * every node without asking for each by name.
 *
 * @param byNode node name to state ({@code allocated}, {@code quarantined}, {@code blocked}) to count
 */
record PortCounts(Map<String, Map<String, Long>> byNode) {
    private static final Pattern SAMPLE = Pattern.compile("^steward_ports\\{([^}]*)} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    PortCounts {
        requireNonNull(byNode, "byNode is null");
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        byNode.forEach((node, counts) -> copy.put(node, Map.copyOf(counts)));
        byNode = Collections.unmodifiableMap(copy);
    }

    /** Reads the Prometheus text format; lines of other metrics are skipped. */
    static PortCounts parse(String metrics) {
        requireNonNull(metrics, "metrics is null");
        Map<String, Map<String, Long>> byNode = new TreeMap<>();
        for (String line : metrics.lines().toList()) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            String node = labels.get("node");
            String state = labels.get("state");
            if (node != null && state != null) {
                byNode.computeIfAbsent(node, ignored -> new TreeMap<>()).put(state, (long) Double.parseDouble(sample.group(2)));
            }
        }
        return new PortCounts(byNode);
    }
}
