package dev.steward.haproxy;

import java.io.Serial;

/** HAProxy cannot be run or spoken to: a missing binary, a process that does not answer. */
class HaproxyException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    HaproxyException(String message) {
        super(message);
    }

    HaproxyException(String message, Throwable cause) {
        super(message, cause);
    }
}
