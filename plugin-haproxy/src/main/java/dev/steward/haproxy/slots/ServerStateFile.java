package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.ModelRules;
import dev.steward.api.model.Target;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server-state file a new process loads, made from the old process's {@code show servers state}.
 * HAProxy applies a saved address, port and weight over the configuration's, so a line is carried
 * over only for a slot that keeps its target at the same address and weight: a slot that now serves
 * another replica must not inherit the old one's health or address, nor a target its old weight. A
 * slot must also be ready in the old process: one set to maintenance or drain behind Steward's back
 * (drift) would come up so in the new process, which would then not serve it until a repair.
 */
public final class ServerStateFile {
    /** A state file without servers: version 1 of the format. */
    public static final String EMPTY = "1\n";

    private static final String VERSION = "1";
    /**
     * The admin-state flags that {@code set server ... state maint|drain} sets (HAProxy's FMAINT and
     * FDRAIN). A slot that started {@code disabled} keeps the configuration's flag (CMAINT, 0x04)
     * while it serves, so only these two tell drift.
     */
    private static final int FORCED_MAINT_OR_DRAIN = 0x01 | 0x08;

    private ServerStateFile() {}

    /** @throws IllegalArgumentException when the text is not version 1 of {@code show servers state} */
    public static String carriedOver(String showServersState, SlotPlan plan) {
        requireNonNull(showServersState, "showServersState is null");
        requireNonNull(plan, "plan is null");
        List<String> lines = showServersState.lines().filter(line -> !line.isBlank()).toList();
        if (lines.size() < 2 || !lines.get(0).strip().equals(VERSION) || !lines.get(1).startsWith("# ")) {
            throw new IllegalArgumentException("not version " + VERSION + " of show servers state: "
                    + ModelRules.quote(lines.isEmpty() ? "" : lines.get(0)));
        }
        List<String> columns = Arrays.asList(lines.get(1).substring(2).strip().split(" "));
        Columns at = new Columns(column(columns, "be_name"), column(columns, "srv_name"), column(columns, "srv_addr"),
                column(columns, "srv_port"), column(columns, "srv_uweight"), column(columns, "srv_admin_state"));
        Map<String, SlotPool> pools = plan.byBackend();
        List<String> kept = new ArrayList<>(List.of(VERSION, lines.get(1)));
        for (String line : lines.subList(2, lines.size())) {
            String[] fields = line.strip().split(" ");
            if (fields.length == columns.size() && keepsItsTarget(fields, at, pools)) {
                kept.add(line);
            }
        }
        return String.join("\n", kept) + "\n";
    }

    private static boolean keepsItsTarget(String[] fields, Columns at, Map<String, SlotPool> pools) {
        Optional<Target> target = Optional.ofNullable(pools.get(fields[at.backend()]))
                .flatMap(pool -> pool.slot(fields[at.server()]))
                .flatMap(Slot::target);
        return target.isPresent()
                && !forcedDown(fields[at.admin()])
                && fields[at.port()].equals(Integer.toString(target.get().port()))
                && fields[at.weight()].equals(Integer.toString(target.get().weight()))
                && sameIp(target.get().host(), fields[at.address()]);
    }

    private static boolean forcedDown(String adminState) {
        try {
            return (Integer.parseInt(adminState) & FORCED_MAINT_OR_DRAIN) != 0;
        } catch (NumberFormatException notANumber) {
            return true;
        }
    }

    /** A target named by DNS never matches: its address may have changed since. */
    private static boolean sameIp(String host, String address) {
        return ModelRules.isIpLiteral(host) && ModelRules.isIpLiteral(address)
                && InetAddress.ofLiteral(host).equals(InetAddress.ofLiteral(address));
    }

    private static int column(List<String> columns, String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("show servers state has no column " + name);
        }
        return index;
    }

    private record Columns(int backend, int server, int address, int port, int weight, int admin) {}
}
