package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import dev.steward.haproxy.runtime.RuntimeCommand;
import java.util.List;

/**
 * What it takes to bring the running HAProxy to the desired slots.
 *
 * @param commands the runtime commands, in the order to send them
 * @param unreachable why some of it cannot be done at runtime; empty when the commands suffice
 */
public record Reconciliation(List<RuntimeCommand> commands, List<String> unreachable) {
    public Reconciliation {
        commands = List.copyOf(requireNonNull(commands, "commands is null"));
        unreachable = List.copyOf(requireNonNull(unreachable, "unreachable is null"));
    }

    public boolean reachable() {
        return unreachable.isEmpty();
    }
}
