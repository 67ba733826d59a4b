package dev.steward.haproxy.runtime;

import java.io.Serial;

/** HAProxy cannot be run or spoken to: a missing binary, a process that does not answer. */
public class HaproxyException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public HaproxyException(String message) {
        super(message);
    }

    public HaproxyException(String message, Throwable cause) {
        super(message, cause);
    }
}
