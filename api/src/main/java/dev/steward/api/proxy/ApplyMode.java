package dev.steward.api.proxy;

/** How an apply reached the proxy. */
public enum ApplyMode {
    /** Through the running process (HAProxy's runtime API); no new process. Also a state that changed nothing. */
    RUNTIME("runtime"),
    /** A new process took over from the old one. */
    RELOAD("reload");

    private final String label;

    ApplyMode(String label) {
        this.label = label;
    }

    /** The value of the {@code mode} label in metrics. */
    public String label() {
        return label;
    }
}
