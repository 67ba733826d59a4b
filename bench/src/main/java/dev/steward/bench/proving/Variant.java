package dev.steward.bench.proving;

import java.util.List;

/**
 * One way to run the same Steward: as it ships, or with the baseline switches set the way the
 * original system (seed) or a quick integration (naive) behaves. Each is nothing but settings of
 * steward.conf, written inside {@code steward { }}.
 */
public enum Variant {
    /** Every default. */
    STEWARD("Steward", List.of()),
    /**
     * The original system's fixes: a coalescing window, redispatch and retry-on, listening sockets
     * handed over; but a reload for every change, and a fixed 10 s quarantine without the gate.
     */
    SEED("seed", List.of(
            "haproxy.runtime-updates = false",
            "port-quarantine.convergence-gate = false")),
    /** What a quick integration does: a reload per broadcast at once, no retries elsewhere, no hand-over, no quarantine. */
    NAIVE("naive", List.of(
            "coalesce.window = 0",
            "haproxy.safe-retries = false",
            "haproxy.socket-handover = false",
            "haproxy.runtime-updates = false",
            "port-quarantine.window = 0"));

    private final String label;
    private final List<String> settings;

    Variant(String label, List<String> settings) {
        this.label = label;
        this.settings = settings;
    }

    public String label() {
        return label;
    }

    /** Lines of steward.conf, keys relative to {@code steward}. */
    public List<String> settings() {
        return settings;
    }
}
