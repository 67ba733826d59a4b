package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.ModelRules;
import dev.steward.api.model.Target;
import dev.steward.haproxy.runtime.AdminState;
import dev.steward.haproxy.runtime.RuntimeCommand;
import dev.steward.haproxy.runtime.ServerName;
import dev.steward.haproxy.runtime.ServerState;
import dev.steward.haproxy.runtime.ServersState;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Diffs the desired slots against what HAProxy reports and derives the fewest runtime commands that
 * close the gap. Only what differs is sent: an address, a weight, a state. A slot changes its
 * address only in maintenance, so that no request reaches it half set; a target entering a slot of
 * a group with an HTTP check is marked down first and takes requests once its checks pass, as long
 * as another server of the group serves meanwhile. With none (the only replica moves, a group's
 * first target), it takes requests at once: proving it first would leave the group no usable server.
 *
 * <p>Commands for serving slots come first, those that drain or free slots after (make before
 * break): HAProxy runs a batch one command at a time while requests flow, and a group whose one
 * replica moves would otherwise have no usable server between the two. The addresses of slots
 * that move come before everything else, in a batch of their own ({@link Reconciliation}).
 */
public final class Reconciler {
    private Reconciler() {}

    static Reconciliation between(List<DesiredServer> desired, ServersState actual) {
        requireNonNull(desired, "desired is null");
        requireNonNull(actual, "actual is null");
        List<RuntimeCommand> moving = new ArrayList<>();
        List<SlotMove> moves = new ArrayList<>();
        List<RuntimeCommand> making = new ArrayList<>();
        List<RuntimeCommand> breaking = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        Set<String> served = backendsServed(desired, actual);
        for (DesiredServer server : desired) {
            Optional<ServerState> running = actual.server(server.name());
            if (running.isEmpty()) {
                unreachable.add("HAProxy runs no server " + server.name());
                continue;
            }
            switch (server.role()) {
                case FREE -> free(server.name(), running.get(), breaking);
                case DRAINING -> draining(server.target().orElseThrow(), running.get(), breaking);
                case SERVING -> serving(server, running.get(), served.contains(server.name().backend()),
                        new Batches(moving, moves, making), unreachable);
            }
        }
        List<RuntimeCommand> settling = new ArrayList<>(making);
        settling.addAll(breaking);
        return new Reconciliation(moving, moves, settling, unreachable);
    }

    private static void free(ServerName name, ServerState running, List<RuntimeCommand> commands) {
        if (running.admin() != AdminState.MAINT) {
            commands.add(RuntimeCommand.state(name, AdminState.MAINT));
        }
        if (running.port() != Slot.PLACEHOLDER_PORT || !sameIp(Slot.PLACEHOLDER_HOST, running.address())) {
            commands.add(RuntimeCommand.address(name, Slot.PLACEHOLDER_HOST, Slot.PLACEHOLDER_PORT));
        }
    }

    /** A slot that no longer points at its drained target has nothing left to drain. */
    private static void draining(Target target, ServerState running, List<RuntimeCommand> commands) {
        if (running.admin() == AdminState.READY && pointsAt(running, target)) {
            commands.add(RuntimeCommand.state(running.name(), AdminState.DRAIN));
        }
    }

    /** The backends with a server that keeps serving through the batch: it points at its target, is up and takes a share. */
    private static Set<String> backendsServed(List<DesiredServer> desired, ServersState actual) {
        Set<String> served = new HashSet<>();
        for (DesiredServer server : desired) {
            if (server.role() == DesiredServer.Role.SERVING && server.target().orElseThrow().weight() > 0) {
                actual.server(server.name())
                        .filter(running -> running.up() && running.admin() != AdminState.MAINT
                                && pointsAt(running, server.target().get()))
                        .ifPresent(running -> served.add(server.name().backend()));
            }
        }
        return served;
    }

    /** @param peerServes whether another server of the group serves while this one proves itself */
    /** Where a serving slot's commands go: its move to a new address, or what it needs once there. */
    private record Batches(List<RuntimeCommand> moving, List<SlotMove> moves, List<RuntimeCommand> making) {}

    private static void serving(DesiredServer server, ServerState running, boolean peerServes, Batches batches,
            List<String> unreachable) {
        Target target = server.target().orElseThrow();
        ServerName name = server.name();
        List<RuntimeCommand> commands = batches.making();
        if (!pointsAt(running, target)) {
            if (!ModelRules.isIpLiteral(target.host())) {
                unreachable.add(needsResolving(name, target));
                return;
            }
            if (running.admin() != AdminState.MAINT) {
                batches.moving().add(RuntimeCommand.state(name, AdminState.MAINT));
            }
            batches.moving().add(RuntimeCommand.address(name, target.host(), target.port()));
            batches.moves().add(new SlotMove(name, target.host(), target.port()));
            if (running.weight() != target.weight()) {
                commands.add(RuntimeCommand.weight(name, target.weight()));
            }
            enter(server, peerServes, commands);
            return;
        }
        if (running.weight() != target.weight()) {
            commands.add(RuntimeCommand.weight(name, target.weight()));
        }
        switch (running.admin()) {
            case READY -> { }
            case DRAIN -> commands.add(RuntimeCommand.state(name, AdminState.READY));
            case MAINT -> enter(server, peerServes, commands);
        }
    }

    /**
     * Leaving maintenance, HAProxy counts a server up at once. Passing through drain lets the server
     * be marked down before it can take a request, so that it needs {@code rise} passed checks first.
     */
    private static void enter(DesiredServer server, boolean peerServes, List<RuntimeCommand> commands) {
        if (server.proveBeforeServing() && peerServes) {
            commands.add(RuntimeCommand.state(server.name(), AdminState.DRAIN));
            commands.add(RuntimeCommand.healthDown(server.name()));
        }
        commands.add(RuntimeCommand.state(server.name(), AdminState.READY));
    }

    /** Why {@code target}, named by DNS, cannot enter the slot {@code name} at runtime. */
    public static String needsResolving(ServerName name, Target target) {
        return name + " must point at " + target.address() + ", a DNS name, which HAProxy resolves only when it starts";
    }

    /** A target named by DNS is taken to match on its port: HAProxy shows the address it resolved. */
    static boolean pointsAt(ServerState running, Target target) {
        return running.port() == target.port()
                && (!ModelRules.isIpLiteral(target.host()) || sameIp(target.host(), running.address()));
    }

    static boolean sameIp(String expected, String shown) {
        return ModelRules.isIpLiteral(shown) && InetAddress.ofLiteral(expected).equals(InetAddress.ofLiteral(shown));
    }
}
