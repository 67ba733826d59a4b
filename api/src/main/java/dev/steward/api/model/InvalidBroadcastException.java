package dev.steward.api.model;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.util.Optional;

/**
 * A broadcast, or a part of one, that breaks a rule of the routing model. It names the field by its
 * full path ({@code targetGroups[2].targets[0].port}) and, where the input came from a file, its
 * origin ({@code conf/targets.conf:14}).
 */
public final class InvalidBroadcastException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;
    private final String origin;

    public InvalidBroadcastException(String field, String reason) {
        this(field, reason, "");
    }

    private InvalidBroadcastException(String field, String reason, String origin) {
        super(describe(field, reason, origin));
        this.field = requireNonNull(field, "field is null");
        this.reason = requireNonNull(reason, "reason is null");
        this.origin = requireNonNull(origin, "origin is null");
    }

    /** The full path of the offending field; empty when the document as a whole is unreadable. */
    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    /** Where the field was read from, such as {@code conf/targets.conf:14}, when known. */
    public Optional<String> origin() {
        return origin.isEmpty() ? Optional.empty() : Optional.of(origin);
    }

    /** The same problem seen from an enclosing object: {@code within("targetGroups[2]")}. */
    public InvalidBroadcastException within(String parentPath) {
        requireNonNull(parentPath, "parentPath is null");
        String path;
        if (field.isEmpty()) {
            path = parentPath;
        } else if (parentPath.isEmpty() || field.startsWith("[")) {
            path = parentPath + field;
        } else {
            path = parentPath + "." + field;
        }
        return new InvalidBroadcastException(path, reason, origin);
    }

    public InvalidBroadcastException at(String newOrigin) {
        return new InvalidBroadcastException(field, reason, requireNonNull(newOrigin, "newOrigin is null"));
    }

    private static String describe(String field, String reason, String origin) {
        StringBuilder message = new StringBuilder();
        if (!origin.isEmpty()) {
            message.append(origin).append(": ");
        }
        if (!field.isEmpty()) {
            message.append(field).append(": ");
        }
        return message.append(reason).toString();
    }
}
