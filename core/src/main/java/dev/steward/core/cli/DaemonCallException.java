package dev.steward.core.cli;

import java.io.Serial;

/** A running Steward could not be asked, or its answer was not the one expected; the message says which. */
final class DaemonCallException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    DaemonCallException(String message) {
        super(message);
    }
}
