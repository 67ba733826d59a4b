package dev.steward.core.cli;

import java.io.Serial;

/** A command line that does not form a command; the usage is printed with it. */
public final class UsageException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
