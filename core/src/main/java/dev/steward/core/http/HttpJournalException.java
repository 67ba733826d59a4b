package dev.steward.core.http;

import java.io.Serial;

/** The http source's journal cannot be written or read back. */
public final class HttpJournalException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public HttpJournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
