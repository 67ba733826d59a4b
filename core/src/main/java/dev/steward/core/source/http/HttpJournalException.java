package dev.steward.core.source.http;

import java.io.Serial;

/** The http source's journal cannot be written or read back. */
final class HttpJournalException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    HttpJournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
