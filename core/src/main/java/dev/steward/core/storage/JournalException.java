package dev.steward.core.storage;

import java.io.Serial;

/** A journal that cannot be read, written or replaced; the message names the file. */
public final class JournalException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalException(String message) {
        super(message);
    }
}
