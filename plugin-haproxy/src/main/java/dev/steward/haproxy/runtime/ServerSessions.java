package dev.steward.haproxy.runtime;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many requests each server of a backend still has: the parsed answer to {@code show stat} for
 * its servers. A request counts while it is in flight ({@code scur}) or queued for the server
 * ({@code qcur}); a drained server is empty when both are zero.
 */
public final class ServerSessions {
    private static final int SERVERS_ONLY = 4;

    private final Map<ServerName, Integer> sessions;

    private ServerSessions(Map<ServerName, Integer> sessions) {
        this.sessions = sessions;
    }

    /** The command that lists the servers of {@code backend}. */
    public static String command(String backend) {
        return "show stat " + ServerName.requireName("backend", backend) + " " + SERVERS_ONLY + " -1";
    }

    /** @throws RuntimeApiException naming {@code command} when the answer is not HAProxy's CSV */
    public static ServerSessions parse(String command, String answer) {
        requireNonNull(command, "command is null");
        requireNonNull(answer, "answer is null");
        List<String> lines = answer.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            throw new RuntimeApiException(command, "unexpected answer: " + (lines.isEmpty() ? "(empty)" : lines.get(0)));
        }
        List<String> columns = Arrays.asList(lines.get(0).substring(2).split(",", -1));
        int backend = column(command, columns, "pxname");
        int server = column(command, columns, "svname");
        int current = column(command, columns, "scur");
        int queued = column(command, columns, "qcur");
        Map<ServerName, Integer> sessions = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            try {
                sessions.put(new ServerName(fields[backend], fields[server]),
                        count(fields[current]) + count(fields[queued]));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException unreadable) {
                throw new RuntimeApiException(command, "cannot read the line " + line + ": " + unreadable.getMessage());
            }
        }
        return new ServerSessions(sessions);
    }

    /** Requests the server still has; a server HAProxy does not list has none. */
    public int of(ServerName name) {
        return sessions.getOrDefault(requireNonNull(name, "name is null"), 0);
    }

    private static int count(String field) {
        return field.isEmpty() ? 0 : Integer.parseInt(field);
    }

    private static int column(String command, List<String> columns, String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new RuntimeApiException(command, "the header has no column " + name);
        }
        return index;
    }
}
