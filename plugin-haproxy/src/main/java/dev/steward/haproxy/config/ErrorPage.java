package dev.steward.haproxy.config;

import static java.util.Objects.requireNonNull;

/**
 * A response Steward's HAProxy makes itself, with a JSON body {@code {"status":404,"reason":"..."}}.
 *
 * @param status the HTTP status
 * @param reason a constant text without quotes or backslashes
 */
public record ErrorPage(int status, String reason) {
    static final ErrorPage NO_ROUTE = new ErrorPage(404, "no route matches the request");
    static final ErrorPage NO_SERVER = new ErrorPage(503, "no server is available to handle this request");

    public ErrorPage {
        requireNonNull(reason, "reason is null");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status, found " + status);
        }
        if (reason.chars().anyMatch(c -> c == '"' || c == '\\' || Character.isISOControl(c))) {
            throw new IllegalArgumentException("reason must need no escaping, found " + reason);
        }
    }

    String json() {
        return "{\"status\":" + status + ",\"reason\":\"" + reason + "\"}";
    }

    /**
     * The arguments HAProxy's {@code http-request return} and {@code http-error} take: status, type
     * and body as a double-quoted config string.
     */
    String directiveArguments() {
        return "status " + status + " content-type \"application/json\" string \"" + json().replace("\"", "\\\"") + "\"";
    }
}
