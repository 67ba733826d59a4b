package dev.steward.api.ports;

import java.io.Serial;

/** No free port on a node; says how many are allocated, quarantined and blocked. */
public final class PortsExhaustedException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String node;
    private final int allocated;
    private final int quarantined;
    private final int blocked;

    public PortsExhaustedException(String node, int allocated, int quarantined, int blocked) {
        super("no free port on node " + node + ": " + allocated + " allocated, " + quarantined + " quarantined, "
                + blocked + " blocked");
        this.node = node;
        this.allocated = allocated;
        this.quarantined = quarantined;
        this.blocked = blocked;
    }

    public String node() {
        return node;
    }

    public int allocated() {
        return allocated;
    }

    public int quarantined() {
        return quarantined;
    }

    public int blocked() {
        return blocked;
    }
}
