package dev.steward.haproxy.runtime;

import static java.util.Objects.requireNonNull;

import java.io.Serial;

/** A command on HAProxy's admin socket that failed; names the command. */
public final class RuntimeApiException extends HaproxyException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String command;

    public RuntimeApiException(String command, String reason) {
        super("HAProxy runtime API command \"" + command + "\" failed: " + reason);
        this.command = requireNonNull(command, "command is null");
    }

    public RuntimeApiException(String command, String reason, Throwable cause) {
        super("HAProxy runtime API command \"" + command + "\" failed: " + reason, cause);
        this.command = requireNonNull(command, "command is null");
    }

    public String command() {
        return command;
    }
}
