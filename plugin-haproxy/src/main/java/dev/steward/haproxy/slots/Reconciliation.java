package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import dev.steward.haproxy.runtime.RuntimeCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * What it takes to bring the running HAProxy to the desired slots: first the commands that point
 * slots in maintenance at new addresses, then, once HAProxy shows those addresses, the rest. HAProxy 3
 * applies an address a moment after it answers the command; a slot that left maintenance before
 * would be checked, and sent requests, at its old address.
 *
 * @param moving the commands that point slots at new addresses, sent first
 * @param moves the addresses HAProxy must show before {@code settling} is sent
 * @param settling the other commands, in the order to send them
 * @param unreachable why some of it cannot be done at runtime; empty when the commands suffice
 */
public record Reconciliation(List<RuntimeCommand> moving, List<SlotMove> moves, List<RuntimeCommand> settling, List<String> unreachable) {
    public Reconciliation {
        moving = List.copyOf(requireNonNull(moving, "moving is null"));
        moves = List.copyOf(requireNonNull(moves, "moves is null"));
        settling = List.copyOf(requireNonNull(settling, "settling is null"));
        unreachable = List.copyOf(requireNonNull(unreachable, "unreachable is null"));
    }

    /** Every command, in the order they are sent. */
    public List<RuntimeCommand> commands() {
        List<RuntimeCommand> all = new ArrayList<>(moving);
        all.addAll(settling);
        return all;
    }

    public boolean reachable() {
        return unreachable.isEmpty();
    }
}
