package dev.steward.etcd;

import java.io.Serial;

/** A command line argument that cannot be used; names the option and the reason. */
final class BadArgumentException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    BadArgumentException(String option, String reason) {
        super(option + ": " + reason);
    }
}
