package dev.steward.api.model;

import java.io.Serial;

/** A change of one group names a group the state does not hold. */
public final class UnknownGroupException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String name;

    public UnknownGroupException(String name) {
        super("no target group named " + ModelRules.quote(name));
        this.name = name;
    }

    public String name() {
        return name;
    }
}
