package dev.steward.haproxy.runtime;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the running HAProxy says its servers are: the parsed answer to {@code show servers state}
 * (format version 1). Columns are found by their names in the header line, so that columns HAProxy
 * adds in later versions do not shift the ones read here.
 */
public final class ServersState {
    static final String COMMAND = "show servers state";

    private static final String VERSION = "1";
    private static final int OPERATIONAL_RUNNING = 2;
    private static final int OPERATIONAL_STARTING = 1;

    private final Map<ServerName, ServerState> servers;

    private ServersState(Map<ServerName, ServerState> servers) {
        this.servers = servers;
    }

    /** @throws RuntimeApiException naming the command when the answer is not version 1 of the format */
    public static ServersState parse(String answer) {
        requireNonNull(answer, "answer is null");
        List<String> lines = answer.lines().filter(line -> !line.isBlank()).toList();
        if (lines.size() < 2 || !lines.get(0).strip().equals(VERSION) || !lines.get(1).startsWith("# ")) {
            throw malformed("not version " + VERSION + " of the format: " + firstLine(answer));
        }
        List<String> columns = Arrays.asList(lines.get(1).substring(2).strip().split(" +"));
        int backend = column(columns, "be_name");
        int server = column(columns, "srv_name");
        int address = column(columns, "srv_addr");
        int port = column(columns, "srv_port");
        int operational = column(columns, "srv_op_state");
        int admin = column(columns, "srv_admin_state");
        int weight = column(columns, "srv_uweight");
        Map<ServerName, ServerState> servers = new LinkedHashMap<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] fields = line.strip().split(" +");
            if (fields.length != columns.size()) {
                throw malformed("a line has " + fields.length + " fields for " + columns.size() + " columns: " + line);
            }
            try {
                ServerName name = new ServerName(fields[backend], fields[server]);
                int state = Integer.parseInt(fields[operational]);
                servers.put(name, new ServerState(name, fields[address], Integer.parseInt(fields[port]),
                        AdminState.ofFlags(Integer.parseInt(fields[admin])),
                        state == OPERATIONAL_RUNNING || state == OPERATIONAL_STARTING,
                        Integer.parseInt(fields[weight])));
            } catch (IllegalArgumentException unreadable) {
                throw malformed("cannot read the line " + line + ": " + unreadable.getMessage());
            }
        }
        return new ServersState(servers);
    }

    public Optional<ServerState> server(ServerName name) {
        return Optional.ofNullable(servers.get(requireNonNull(name, "name is null")));
    }

    /** Every server, in HAProxy's order. */
    public List<ServerState> servers() {
        return List.copyOf(servers.values());
    }

    private static int column(List<String> columns, String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw malformed("the header has no column " + name);
        }
        return index;
    }

    private static RuntimeApiException malformed(String reason) {
        return new RuntimeApiException(COMMAND, "unexpected answer, " + reason);
    }

    private static String firstLine(String answer) {
        String first = answer.strip().lines().findFirst().orElse("(empty)");
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }
}
