package dev.steward.portquarantine;

import java.io.Serial;

/** A state text that breaks the format; {@link StateFile} turns it into a message naming the file. */
final class StateSyntaxException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    StateSyntaxException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    int line() {
        return line;
    }

    String reason() {
        return reason;
    }
}
