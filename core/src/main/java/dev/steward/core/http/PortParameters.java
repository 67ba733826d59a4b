package dev.steward.core.http;

import dev.steward.api.model.ModelRules;
import java.util.Map;

/** Checks the node and port in a port endpoint's path and the owner in its body, naming the field. */
final class PortParameters {
    private static final String NODE = "node";
    private static final String PORT = "port";
    private static final String OWNER = "owner";

    private PortParameters() {}

    static String node(ApiRequest request) {
        String node = request.pathParameter(NODE);
        if (!ModelRules.isName(node)) {
            throw ApiException.badRequest(NODE, "node: must match " + ModelRules.NAME_PATTERN + ", found "
                    + ModelRules.quote(node));
        }
        return node;
    }

    static int port(ApiRequest request) {
        String port = request.pathParameter(PORT);
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw ApiException.badRequest(PORT, "port: expected a port number from 1 to 65535, found "
                    + ModelRules.quote(port));
        }
        return Integer.parseInt(port);
    }

    /** The body {@code {"owner": "..."}}, and nothing else in it. */
    static String owner(Map<?, ?> body) {
        for (Object key : body.keySet()) {
            if (!OWNER.equals(key)) {
                throw ApiException.badRequest(String.valueOf(key), key + ": unknown field; expected [owner]");
            }
        }
        Object owner = body.get(OWNER);
        if (owner == null) {
            throw ApiException.badRequest(OWNER, "owner: is required");
        }
        if (!(owner instanceof String text)) {
            throw ApiException.badRequest(OWNER, "owner: expected a string, found " + Json.describe(owner));
        }
        return text;
    }
}
