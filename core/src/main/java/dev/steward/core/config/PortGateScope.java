package dev.steward.core.config;

import java.util.Arrays;
import java.util.Optional;

/** Whose proxies must have settled at a revision before the port policy hears of it. */
public enum PortGateScope {
    /** This node's proxy processes, old ones finishing connections included. */
    NODE("node"),
    /** Those, and every live node of the fleet, as a broadcast source shared by the fleet reports it. */
    FLEET("fleet");

    private final String label;

    PortGateScope(String label) {
        this.label = label;
    }

    /** The value in the configuration and the {@code scope} label in metrics. */
    public String label() {
        return label;
    }

    public static Optional<PortGateScope> fromLabel(String label) {
        return Arrays.stream(values()).filter(scope -> scope.label.equals(label)).findFirst();
    }
}
