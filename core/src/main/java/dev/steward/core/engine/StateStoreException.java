package dev.steward.core.engine;

import java.io.Serial;

/** The applied state cannot be stored or read back. */
public final class StateStoreException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StateStoreException(String message) {
        super(message);
    }
}
