package dev.steward.core.daemon;

/** A part of the daemon could not be built; the message is the part's own. */
public final class WiringException extends RuntimeException {
    WiringException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
