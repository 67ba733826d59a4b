package dev.steward.etcd;

import java.io.Serial;

/** A call to etcd that failed or timed out; the message names the operation and the endpoints. */
final class EtcdAccessException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    EtcdAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
