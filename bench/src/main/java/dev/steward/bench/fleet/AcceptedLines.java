package dev.steward.bench.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a node's etcd source handed each etcd revision to its engine, read from the node's log
 * ({@code 14:11:58.061 INFO ... etcd revision 4 accepted as revision 2}). Reading the log afterwards
 * does not load the node while it applies, as polling it would on a small machine.
 */
final class AcceptedLines {
    private static final Pattern ACCEPTED =
            Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) .* etcd revision (\\d+) accepted as revision \\d+");

    private AcceptedLines() {}

    static Map<Long, LocalTime> of(Path log) throws IOException {
        Map<Long, LocalTime> accepted = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            Matcher match = ACCEPTED.matcher(line);
            if (match.find()) {
                accepted.put(Long.parseLong(match.group(2)), LocalTime.parse(match.group(1)));
            }
        }
        return accepted;
    }
}
