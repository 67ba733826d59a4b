package dev.steward.api.ports;

/** What happens to a released port. */
public enum ReleaseMode {
    /** Held until no proxy can route to it any more, then free again. */
    QUARANTINE,
    /** Never handed out again. */
    BLOCK
}
