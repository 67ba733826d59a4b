package dev.steward.portquarantine;

import java.io.Serial;

/** The persisted port state cannot be read or written; the message names the file. */
public final class PortStateFileException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    PortStateFileException(String message) {
        super(message);
    }

    PortStateFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
