package dev.steward.api.proxy;

import java.io.Serial;

/**
 * A state that the backend forecast to apply without a reload turned out to need one (a runtime
 * command failed): it is not served yet, and the backend will reload for it at the next apply. The
 * engine holds that apply for the coalescing window like any reload, so that a reload still comes at
 * most once per window; it is no failure and starts no back-off.
 */
public final class ReloadNeededException extends ApplyException {
    @Serial
    private static final long serialVersionUID = 1L;

    public ReloadNeededException(String message) {
        super(ApplyMode.RUNTIME, message);
    }

    public ReloadNeededException(String message, Throwable cause) {
        super(ApplyMode.RUNTIME, message, cause);
    }
}
