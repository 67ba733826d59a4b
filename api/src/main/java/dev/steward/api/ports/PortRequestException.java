package dev.steward.api.ports;

import static java.util.Objects.requireNonNull;

import java.io.Serial;

/** A port request that cannot be served as asked; names the field and the reason. */
public final class PortRequestException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why the request failed, which decides the HTTP status. */
    public enum Kind {
        /** The request itself is malformed: a bad node name, a port outside the range. */
        INVALID,
        /** The request clashes with the port's state: releasing a port that is not allocated. */
        CONFLICT
    }

    private final Kind kind;
    private final String field;
    private final String reason;

    public PortRequestException(Kind kind, String field, String reason) {
        super(field + ": " + reason);
        this.kind = requireNonNull(kind, "kind is null");
        this.field = requireNonNull(field, "field is null");
        this.reason = requireNonNull(reason, "reason is null");
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
